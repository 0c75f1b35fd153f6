/**
 * The words the reader knows, per language: move verbs and their direction, hedges, the markers
 * of an intraday or a multi-day move, limit moves, market-value words, words that turn an amount
 * into a change of value, and the nouns that make a percentage NOT a price move (costs, revenue,
 * utilisation, market share, growth rates, performance, parameters…). Regular-expression sources,
 * matched case-insensitively; Latin ones as whole words.
 */
import type { ArticleLanguage } from './types.ts';

export interface Lexicon {
  up: string;
  down: string;
  /** Move nouns after the percentage ('a 17% drop', '17% lower'): +1 / -1. */
  postUp?: string;
  postDown?: string;
  hedge: string;
  intraday: string;
  cumulative: string;
  /** Words that make an amount a market value ('market value', 'capitalisation boursière', '市值'). */
  marketValue: string;
  /** Words that make an amount a change of value ('wiping out', 'effaçant', '蒸发'). */
  valueChange: string;
  /** 'of market value' after an amount: a change ('$600 billion of market value'). */
  valueChangeAfter: string;
  /** Nouns whose percentages are not price moves. */
  blockers: string;
}

export const LEXICON: Record<ArticleLanguage, Lexicon> = {
  en: {
    up: 'rose|rise[sn]?|rising|jump(?:ed|s|ing)?|soar(?:ed|s|ing)?|surg(?:ed|es|ing|e)|rall(?:ied|ies|y|ying)|gain(?:ed|s|ing)?|climb(?:ed|s|ing)?|advanc(?:ed|es|ing)|added|spik(?:ed|es)|leapt|leap(?:ed|s)?|rocket(?:ed|s)|skyrocket(?:ed|s)|shot up|popped|up|higher|closed up|ended up|finished up|rebound(?:ed|s)?|a (?:gain|rise|jump|surge) of',
    down: 'fell|fall(?:s|ing)?|dropp(?:ed|ing)|drops?|plung(?:ed|es|ing|e)|plummet(?:ed|s|ing)?|tumbl(?:ed|es|ing|e)|sank|sink(?:s|ing)?|slid|slid(?:es|ing)|slump(?:ed|s|ing)?|lost|los(?:es|ing)|declin(?:ed|es|ing)|shed|tank(?:ed|s)|crash(?:ed|es)|dived|dove|retreat(?:ed|s)|down|lower|closed down|ended down|slipp(?:ed|ing)|slips?|sagg(?:ed|ing)|crater(?:ed|s)|nosedived|eased|a (?:drop|fall|decline|loss|slide) of',
    postUp: 'jump|rise|gain|surge|rally|increase|advance|higher|climb|pop',
    postDown: 'drop|fall|decline|plunge|slump|loss|slide|lower|tumble|selloff|sell-off|decrease|rout',
    hedge: 'nearly|almost|about|around|roughly|some|approximately|close to|more than|over|just over|just under|at least|as much as|up to|a further|another',
    intraday: 'as much as|at one point|intraday|in intraday trading|during the session|at the session\'s (?:high|low)',
    cumulative: 'this week|so far this week|over the week|over the past (?:two|three|four|five|\\d+) (?:days|sessions)|since monday|in the past week',
    marketValue: 'market value|market capitali[sz]ation|market cap|valued at|valuation of',
    valueChange: 'wip(?:ed|ing|e)s? out|erase[ds]?|erasing|lost|los(?:es|ing)|shed(?:ding)?|add(?:ed|ing|s)|gain(?:ed|ing)|slash(?:ed|ing)',
    valueChangeAfter: '(?:of|in) (?:its )?(?:market value|market capitali[sz]ation|market cap|value)',
    blockers:
      "revenues?|sales|profits?|earnings|income|margins?|costs?|prices|spending|capex|capital expenditure|utili[sz]ation|market share|share of|growth|gdp|econom(?:y|ies)|inflation|demand|shipments|output|performance|benchmark|score[ds]?|accuracy|efficiency|parameters|users|traffic|orders|dividends?|stake|valuation|funding|interest rates?|growth rates?|exports|imports|employees|wages|energy|usage|year over year|year-on-year|quarter|first half|annual|capacity",
  },
  fr: {
    up: "a bondi|bondi(?:t|ssait)?|bond de|s'est envolée?s?|s’est envolée?s?|s'envole|envolée de|a grimpé|grimp(?:é|e|ait)|a progressé|progress(?:é|e|ait)|a gagné|gagn(?:é|e|ait)|a augmenté|flamb(?:é|e)|en hausse de|hausse de|a rebondi|a décollé|s'est appréciée?|a clôturé en hausse de|a terminé en hausse de|a pris",
    down: "a chuté|chut(?:é|e|ait)|chute de|a plongé|plong(?:é|e|ait)|a dégringolé|dégringol(?:é|e)|a reculé|recul(?:é|e|ait)|a perdu|perd(?:u|ait)?|a cédé|céd(?:é|ait)|cède|a baissé|baiss(?:é|e)|a lâché|lâch(?:é|e)|s'est effondrée?|s’est effondrée?|effondr(?:é|e)|a glissé|gliss(?:é|e)|en baisse de|en recul de|en repli de|baisse de|repli de|a décroché|a dévissé|dévissé|a sombré|abandonn(?:é|e)",
    hedge: "près de|presque|environ|quelque|plus de|jusqu'à|jusqu’à|pas moins de|quasiment|autour de",
    intraday: "jusqu'à|jusqu’à|en séance|en cours de séance|au plus haut de la séance",
    cumulative: 'cette semaine|depuis lundi|sur la semaine|depuis le début de la semaine|en une semaine',
    marketValue: 'capitalisation boursière|capitalisation|valorisation boursière|vaut|valeur boursière',
    valueChange: "effaç(?:ant|é)|efface|perd(?:ant|u)|fondre|envol(?:é|ée)s?|partis? en fumée|a ajouté|ajoutant",
    valueChangeAfter: "(?:de|en) (?:sa )?(?:capitalisation|valeur boursière|valeur de marché)",
    blockers:
      "chiffre d'affaires|chiffre d’affaires|ventes|bénéfices?|résultats?|marges?|coûts?|prix|dépenses|utilisation|part de marché|croissance|pib|économie|inflation|demande|livraisons|production|performances?|efficacité|paramètres|utilisateurs|commandes|dividendes?|participation|valorisation|taux|exportations|sur un an|semestre|trimestre|capacité",
  },
  it: {
    up: "è salit[oa]|son[oa] salit[ie]|salit[oaie]|sale|salgono|balzat[oaie]|è balzat[oa]|balza|guadagn(?:ato|a|ano|ando)|ha guadagnato|cresciut[oaie]|cresce|in rialzo del|rialzo del|volat[oaie]|vola|schizzat[oaie]|impennat[oaie]|avanzat[oaie]|aumentat[oaie]|in aumento del|chiuso in rialzo del|rimbalzat[oaie]",
    down: "crollat[oaie]|croll(?:a|ano)|è scesa|è sceso|scesa|sceso|scese|scesi|scende|scendono|ha perso|pers[oaie]|perde|perdono|ha ceduto|ceduto|cede|calat[oaie]|cala|precipitat[oaie]|affondat[oaie]|in calo del|in ribasso del|ribasso del|arretrat[oaie]|lasciato sul terreno",
    hedge: 'quasi|circa|oltre il|oltre|più del|più di|fino al|fino a|intorno al|attorno al|addirittura',
    intraday: "fino al|fino a|nel corso della seduta|in intraday|durante la seduta",
    cumulative: 'questa settimana|da inizio settimana|in settimana|da lunedì|nell\'ultima settimana',
    marketValue: 'capitalizzazione di mercato|capitalizzazione|valore di mercato|valore borsistico|vale',
    valueChange: 'bruciand[oa]|bruciat[oi]|pers[oi]|perdendo|andati in fumo|aggiunt[oi]|aggiungendo',
    valueChangeAfter: 'di (?:capitalizzazione|valore di mercato|valore)',
    blockers:
      "ricavi|fatturato|vendite|utili?|margin[ei]|cost[oi]|prezzi|spes[ae]|utilizzo|quota di mercato|crescita|pil|economia|inflazione|domanda|produzione|prestazioni|efficienza|parametri|utenti|ordini|dividend[oi]|partecipazione|valutazione|tass[oi]|export|su base annua|semestre|trimestre|capacità",
  },
  de: {
    up: 'stieg(?:en)?|steigt|gestiegen|legte(?:n)?|zugelegt|schoss(?:en)?|kletterte(?:n)?|klettert|sprang(?:en)?|springt|verteuerte(?:n)?|gewann(?:en)?|gewinnt|schnellte(?:n)?|schnellt|zog(?:en)? (?:um )?|haussierte(?:n)?|im plus|plus von|höher|erholte(?:n)?',
    down: 'fiel(?:en)?|fällt|gefallen|brach(?:en)?|eingebrochen|verlor(?:en)?|verliert|sackte(?:n)?|abgesackt|sank(?:en)?|sinkt|gesunken|rutschte(?:n)?|stürzte(?:n)?|stürzt|abgestürzt|gab(?:en)?|nachgegeben|büßte(?:n)?|im minus|minus von|tiefer|rauschte(?:n)?|verbilligte(?:n)?',
    hedge: 'fast|knapp|rund|etwa|mehr als|über|bis zu|zeitweise|zeitweilig|nahezu|gut',
    intraday: 'bis zu|zeitweise|zeitweilig|im handelsverlauf|in der spitze|intraday|im tagesverlauf',
    cumulative: 'diese woche|seit wochenbeginn|seit montag|in dieser woche|binnen einer woche|in einer woche',
    marketValue: 'börsenwert|marktkapitalisierung|marktwert|börsenbewertung',
    valueChange: 'verlor(?:en)?|verliert|vernichte(?:t|te)|ausradiert|einbüßte|büßte|eingebüßt|gewann|hinzugewonnen',
    valueChangeAfter: '(?:an|bei) (?:börsenwert|marktwert|marktkapitalisierung|wert)',
    blockers:
      'umsatz|umsätze|erlös|gewinn|ergebnis|marge|kosten|preise|ausgaben|auslastung|marktanteil|anteil|wachstum|bip|wirtschaft|inflation|nachfrage|produktion|leistung|effizienz|parameter|nutzer|aufträge|dividende|beteiligung|bewertung|zins|export|jahresvergleich|vorjahr|quartal|halbjahr|kapazität',
  },
  es: {
    up: 'subi(?:ó|eron|endo|r)|sube|suben|se dispar(?:ó|aron)|dispar(?:ó|aron)|avanz(?:ó|aron|a|an)|gan(?:ó|aron|a|an)|escal(?:ó|aron)|repunt(?:ó|aron)|se revaloriz(?:ó|aron)|revaloriz(?:ó|aron)|al alza|alza de|trep(?:ó|aron)|se dispararon|rebot(?:ó|aron)|creci(?:ó|eron)|subida del|subida de un|alza del|repunte del|avance del',
    down: 'cay(?:ó|eron|endo)|cae|caen|caída de|se desplom(?:ó|aron)|desplom(?:ó|aron)|baj(?:ó|aron|a|an)|perdi(?:ó|eron)|pierde|pierden|retroced(?:ió|ieron|e)|se hundi(?:ó|eron)|hundi(?:ó|eron)|descendi(?:ó|eron)|cedi(?:ó|eron)|cede|recort(?:ó|aron)|a la baja|se dej(?:ó|aron)|caída del|bajada del|descenso del|retroceso del',
    hedge: 'casi|cerca de|alrededor de|más de|hasta un|hasta|unos|aproximadamente|nada menos que',
    intraday: 'llegaron a|llegó a|lleg(?:ó|aron) a (?:subir|caer|ganar|perder)|hasta un|en la sesión intradía|durante la sesión',
    cumulative: 'esta semana|en lo que va de semana|desde el lunes|en la semana',
    marketValue: 'capitalización bursátil|capitalización|valor de mercado|valor bursátil|vale',
    valueChange: 'borr(?:aron|ó|ando)|perdi(?:ó|eron)|perdiendo|esfum(?:aron|ó)|evapor(?:aron|ó)|sum(?:ó|aron)|añadi(?:ó|eron)',
    valueChangeAfter: '(?:de|en) (?:su )?(?:valor de mercado|capitalización|valor bursátil)',
    blockers:
      'ingresos|facturación|ventas|beneficios?|márgen(?:es)?|margen|costes?|costos?|precios|gastos?|utilización|cuota de mercado|crecimiento|pib|economía|inflación|demanda|producción|rendimiento|eficiencia|parámetros|usuarios|pedidos|dividendos?|participación|valoración|tasas?|exportaciones|interanual|semestre|trimestre|capacidad',
  },
  zh: {
    up: '涨停|大涨逾|大涨近|大涨|暴涨|飙涨|飙升|拉升|走高|收涨|涨幅达|涨幅|涨超|涨逾|涨近|上涨|上升|攀升|劲升|涨',
    down: '跌停|大跌逾|大跌|暴跌|重挫|下挫|挫|跌幅达|跌幅|跌超|跌逾|跌近|收跌|走低|下跌|下滑|跳水|闪崩|跌',
    hedge: '近|逾|超|超过|约|接近|一度',
    intraday: '盘中|一度|日内|最高|最多',
    cumulative: '本周|这周|累计|连续|近一周|周内',
    marketValue: '总市值|市值',
    valueChange: '蒸发|缩水|增加|减少|损失|增长',
    valueChangeAfter: '(?!)',
    blockers:
      '营收|营业收入|收入|销售|利润|净利|毛利|成本|价格|支出|利用率|份额|增长|同比|环比|GDP|经济|通胀|需求|出货|产量|性能|效率|参数|用户|订单|股息|估值|融资|上半年|季度|产能',
  },
};

/** Words for a move to the daily limit: +1 (limit-up) / -1 (limit-down). */
export const LIMIT_WORDS: Record<ArticleLanguage, readonly [string, 1 | -1][]> = {
  en: [['limit-up|limit up', 1], ['limit-down|limit down', -1]],
  fr: [],
  it: [],
  de: [],
  es: [],
  zh: [['涨停', 1], ['跌停', -1]],
};

/** A Latin alternation as whole words; Chinese as is. */
export function wordRe(language: ArticleLanguage, alt: string, flags = 'giu'): RegExp {
  return new RegExp(language === 'zh' ? `(?:${alt})` : `(?<![\\p{L}])(?:${alt})(?![\\p{L}])`, flags);
}

/** German blockers also match inside compounds ('Trainingskosten', 'Marktanteil'). */
export function blockerRe(language: ArticleLanguage): RegExp {
  const alt = LEXICON[language].blockers;
  return new RegExp(language === 'zh' || language === 'de' ? `(?:${alt})` : `(?<![\\p{L}])(?:${alt})(?![\\p{L}])`, 'giu');
}
