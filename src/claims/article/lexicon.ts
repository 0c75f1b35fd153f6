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
  /**
   * Verbs that come after the percentage (German verb-final clauses: 'um 12,9 Prozent gestiegen
   * war', 'während Meta um 1,9 Prozent zulegte'); fillers may stand between.
   */
  finalUp?: string;
  finalDown?: string;
  /** Adverbs and particles that may stand between a move verb and its percentage ('only', 'sogar', 'lourdement'). */
  fillers: string;
  /**
   * Words that make a move a forecast or a hypothesis, not a reported move, when they stand
   * between the company and the verb ('could lose another 10%', 'pourrait perdre', '或再跌').
   */
  modal: string;
  /** The same after the percentage, in its clause ('einen Rückgang um 15 Prozent für möglich'). */
  modalAfter: string;
  /**
   * Prepositions that make a percentage a level, not a move, between the verb and the number
   * ('rose to 7%', 'è sceso sotto il 6%', 'auf gut 6 Prozent gesunken', 'subió al 51%', '放缓至31%').
   */
  level: string;
  /**
   * Move words (of `up`/`down`) that stand for the last company's move when the sentence names
   * none ('Zeitweise hatte das Minus mehr als 18 Prozent betragen'); German only so far.
   */
  moveNounSubject: string;
  /** Verbs of 'knocked 17% off Nvidia's shares': a fall of the company named after 'off'. */
  offVerbs?: string;
  /** Verbs without a direction that lead to a signed percentage only ('closed at +20%', 'a terminé à +20 %'). */
  signedOnly: string;
  /**
   * A period longer than a week around the number: the move is a performance over months or years
   * ('after its 170% rally last year', 'depuis le début de l'année', '今年以来'), not a checkable claim.
   */
  period: string;
  /** Words that give a claim to more companies after it ('tout comme SMIC et Hygon', 'as did AMD'). */
  alsoSubjects: string;
  /**
   * Head nouns of a description that stands for the company named before ('El fabricante chino
   * de chips … se desplomó', 'The Chinese chipmaker fell'), after a definite article.
   */
  descriptors: string;
  /** Move-size nouns after which 'to X%' is still the move ('涨幅收窄至23.71%'). */
  moveSize: string;
  /** Words between two amounts of one market value in two currencies ('soit environ', 'umgerechnet', '约合'). */
  conversion: string;
  /** 'of' between a market-value word and its company ('market value of Cambricon', 'Börsenwert von'). */
  valueOf: string;
  /**
   * Prepositions that make the percentage before them a part of something ('7% of the S&P 500',
   * '74 % de ses revenus', '10% del capitale', '9 % der Anteile'): a share, not a move, unless
   * what follows is the security's own value or shares (`ownValue`), a move noun, a day or a company.
   */
  partOf: string;
  /** Determiners that may stand between `partOf` and its noun ('of its', 'de sa', 'del suo'). */
  determiners: string;
  /** The security's own value and its shares after `partOf`: '17% of its value', '20 % du titre'. */
  ownValue: string;
  /**
   * Nouns for a company's shares: 'Nvidia's shares', 'TSMC's depositary receipts'. Any other
   * noun owned by the company is the subject instead ('SMH's assets fell 8%').
   */
  stockNouns: string;
  /**
   * Speech verbs: a company before one of them is the speaker, not the subject of the move reported
   * after it ('Microsoft ha detto che Azure è cresciuto del 33%', 'Nvidia said data-center sales rose').
   */
  speech: string;
  /** Negations right before the move word (or, in German, between it and the number): 'AMD no se desplomó un 15%'. */
  negation: string;
  /** Prepositions of a concessive or causal phrase whose nouns are not the subject's ('trotz eines Umsatzplus von 78 %'). */
  concessive: string;
  /** Words before a verbless percentage that restate the previous claim's move ('…, después del 24,4% del viernes'). */
  ellipsis: string;
  /** Prepositions opening a phrase before the subject ('Après un bond de 9,8 % jeudi, la capitalisation de Moutai …'). */
  fronting: string;
  /** Subject pronouns that stand for the last company named ('…, im Handelsverlauf hatten sie zeitweise 16 % höher notiert'). */
  pronouns: string;
  /**
   * German separable verbs: the stem before the number, the particle after it at the end of the
   * clause ('gaben … um 8,5 % nach', 'büßten … 7,7 % ein'), and the direction.
   */
  separable?: readonly (readonly [string, string, 1 | -1])[];
  /** Words around an amount that make it a market value: [before it, after it] ('an der Börse gut 664 Mrd. Yuan wert'). */
  marketValueAround?: readonly [string, string];
}

export const LEXICON: Record<ArticleLanguage, Lexicon> = {
  en: {
    up: 'rose|rise[sn]?|rising|jump(?:ed|s|ing)?|soar(?:ed|s|ing)?|surg(?:ed|es|ing|e)|rall(?:ied|ies|y|ying)|gain(?:ed|s|ing)?|climb(?:ed|s|ing)?|advanc(?:ed|es|ing)|added|spik(?:ed|es)|leapt|leap(?:ed|s)?|rocket(?:ed|s)|skyrocket(?:ed|s)|shot up|popped|up|higher|closed up|ended up|finished up|rebound(?:ed|s)?|a (?:gain|rise|jump|surge) of|bounc(?:ed|es|ing)(?: back)?|recover(?:ed|s|ing)|regain(?:ed|s|ing)|clawed back|firm(?:ed|s)|(?:edged|ticked|inched|moved) (?:up|higher)|zoom(?:ed|s)|advancing|climbing|soaring|jumping|surging|rallying|leaping|gaining|adding|closed higher|ended higher|finished higher|was up|were up|(?:gain|rise|jump|advance|increase|rally) (?:was|came to|amounted to|totaled|totalled)',
    down: 'fell|fall(?:s|ing)?|dropp(?:ed|ing)|drops?|plung(?:ed|es|ing|e)|plummet(?:ed|s|ing)?|tumbl(?:ed|es|ing|e)|sank|sink(?:s|ing)?|slid|slid(?:es|ing)|slump(?:ed|s|ing)?|lost|los(?:es|ing)|lose|declin(?:ed|es|ing)|shed|tank(?:ed|s)|crash(?:ed|es)|dived|dove|retreat(?:ed|s)|down|lower|closed down|ended down|slipp(?:ed|ing)|slips?|sagg(?:ed|ing)|crater(?:ed|s)|nosedived|eased|a (?:drop|fall|decline|loss|slide) of|gave back|giv(?:es|ing) back|give back|off|par(?:ed|es|ing)|dipp(?:ed|ing)|dips?|skidd(?:ed|ing)|sold off|weaken(?:ed|ing)|(?:edged|ticked|inched|moved) (?:down|lower)|fell back|sliding|tumbling|sinking|shedding|dropping|slumping|plunging|closed lower|ended lower|finished lower|was down|were down|(?:drop|fall|decline|loss|slide|slump) (?:was|came to|amounted to|totaled|totalled)',
    postUp: 'jump|rise|gain|surge|rally|increase|advance|higher|climb|pop|rebound|spike|leap|bounce|advance',
    postDown: 'drop|fall|decline|plunge|slump|loss|slide|lower|tumble|selloff|sell-off|decrease|rout|dive|retreat|crash|plunge|drop',
    hedge: 'nearly|almost|about|around|roughly|some|approximately|close to|more than|over|just over|just under|a little over|a little under|slightly (?:more|less) than|at least|as much as|up to|a further|another',
    intraday: 'as much as|at one point|intraday|in intraday trading|during the session|at the session\'s (?:high|low)|in early trading|early in the session|in morning trading',
    cumulative: "this week|so far this week|over the week|over the past (?:two|three|four|five|\\d+) (?:days|sessions)|since monday|in the past week|(?:two|three|four|five|\\d+)[- ](?:day|session) (?:gain|rise|rally|advance|jump|surge|climb|run|drop|fall|decline|loss|slide|slump|selloff|sell-off|rout)|(?:in|over) (?:the last )?(?:two|three|four|five|\\d+) (?:days|sessions|trading days)|since the (?:announcement|deal|news)(?: of [\\p{L}-]+)?",
    marketValue: 'market value|market capitali[sz]ation|market cap|valued at|valuation of',
    valueChange: 'wip(?:ed|ing|e)s? out|erase[ds]?|erasing|lost|los(?:es|ing)|shed(?:ding)?|add(?:ed|ing|s)|gain(?:ed|ing)|slash(?:ed|ing)|by',
    valueChangeAfter: '(?:of|in) (?:its )?(?:market value|market capitali[sz]ation|market cap|value)',
    blockers:
      "revenues?|sales|profits?|earnings|income|margins?|costs?|prices|spending|capex|capital expenditure|utili[sz]ation|market share|share of|growth|gdp|econom(?:y|ies)|inflation|demand|shipments|output|performance|benchmark|score[ds]?|accuracy|efficiency|parameters|users|traffic|orders|dividends?|stake|valuation|funding|interest rates?|growth rates?|exports|imports|employees|wages|energy|usage|year over year|year-on-year|quarter|first half|annual|capacity|weight(?:ing)?s?|target|targets|upside|downside|potential|yield|assets|holdings|inflows?|outflows?|flows|aum",
    fillers: 'only|just|even|still|further|sharply|steeply|heavily|strongly|again|more|already|another|roughly|fully|by|an additional|a further',
    modal: 'could|might|may|would|should|expected to|forecast to|set to|poised to|likely to|on track to|risks?|is seen|are seen|expects?|forecasts?|predicts?|projects?|sees|see',
    modalAfter: 'is possible|is expected|are expected|is forecast|in the coming (?:days|weeks|months)|next year|by year-end',
    level: 'to|at|below|under|above|over|beyond|past',
    moveNounSubject: '(?:gain|rise|jump|advance|increase|rally|drop|fall|decline|loss|slide|slump) (?:was|came to|amounted to|totaled|totalled)',
    conversion: "or|about|around|roughly|approximately|some|nearly|almost|i\\.e\\.|equivalent to|the equivalent of",
    offVerbs: 'knock(?:ed|s|ing)?|wip(?:ed|es|ing)|shav(?:ed|es|ing)|lopp(?:ed|ing)|took|tak(?:es|ing)',
    valueOf: "of|for",
    partOf: 'of',
    determiners: "its|their|the|his|her|all|a|an",
    ownValue: 'value|market value|market cap|market capitali[sz]ation|worth|shares?|stock|gains?|losses|advance|decline|rally|drop|fall|rise',
    stockNouns: "shares?|stocks?|adrs?|ads|american depositary (?:receipts|shares)|depositary (?:receipts|shares)|equity|securities|share price|stock price|market value|market cap|market capitali[sz]ation|class [abc] shares|u\\.s\\.-listed shares|hong kong-listed shares|shanghai-listed shares|a-shares|h-shares",
    speech: "said|says|say|told|reported|reports|announced|announces|noted|estimated|estimates|disclosed",
    negation: "not|never|n't|did not|didn't|does not|doesn't|has not|hasn't|was not|wasn't|were not|weren't",
    concessive: 'despite|in spite of|notwithstanding|thanks to|due to|because of|on the back of',
    ellipsis: "after|following|on top of|adding to|after a|after an",
    fronting: 'after|following|despite|with|on the back of|thanks to',
    pronouns: 'it|they',
    signedOnly: 'closed|ended|finished|stood|was|were|trad(?:ed|ing)|is',
    alsoSubjects: 'as did|as were|as was|along with|together with|as well as',
    descriptors: 'chipmaker|chip maker|chip designer|chip company|company|group|firm|manufacturer|maker|designer|foundry|giant|stock',
    moveSize: 'gain|loss|advance|decline|drop|rise',
    period: 'last year|this year|so far this year|year to date|year-to-date|in 20\\d\\d|since (?:january|february|march|april|may|june|july|august|september|october|november|december|the start of|the beginning of|its (?:ipo|listing|low|high|peak))|over the past (?:year|twelve months|12 months|\\d+ months)|over (?:the )?(?:year|decade)|in the past year|this month|last month|since (?:20\\d\\d)',
  },

  fr: {
    up: "a bondi|bondi(?:t|ssait)?|bond de|s'est envolée?s?|s’est envolée?s?|s'envole|envolée de|a grimpé|grimp(?:é|e|ait)|a progressé|progress(?:é|e|ait)|a gagné|gagn(?:é|e|ait)|a augmenté|flamb(?:é|e)|en hausse de|hausse de|a rebondi|a décollé|s'est appréciée?|a clôturé en hausse de|a terminé en hausse de|a pris|s'est (?:envolée?s?|adjugée?s?|appréciée?s?|redressée?s?|hissée?s?|octroyée?s?)|s’est (?:envolée?s?|adjugée?s?|appréciée?s?|redressée?s?|hissée?s?|octroyée?s?)|s'(?:envol|adjug|appréci|redress)(?:e|ent|ait|aient)|s’(?:envol|adjug|appréci|redress)(?:e|ent|ait|aient)|adjug(?:é|ée|és|ées)|(?:a|ont)? ?regagn(?:é|e|ent|ait|aient)|(?:a|ont)? ?repris|(?:a|ont)? ?avanc(?:é|e|ent|ait|aient)|grimp(?:ent|aient)|progress(?:ent|aient)|gagn(?:ent|aient)|flamb(?:ent|ait|aient)|bondiss(?:ent|aient)|(?:a|ont) rebondi|rebondi(?:t|ssait)?|grimper|gagner|bondir|progresser|monter|(?:a |est )?(?:re)?mont(?:é|ée|és|ées|e|ent|ait|aient)|regrimp(?:é|e|ait)|(?:avoir )?pris|(?:a|ont) (?:terminé|fini|clôturé) au plafond de|au plafond de|(?:atteint|touché) (?:la|sa) limite (?:quotidienne |journalière )?(?:de hausse |à la hausse )?(?:autorisée )?de|limite (?:quotidienne|journalière) de|progression de|rebond de|flambée de|envolée de|bond de|gain de|(?:hausse|progression|gain|bond) (?:a été|était|est|fut) de",
    down: "a chuté|chut(?:é|e|ait)|chute de|a plongé|plong(?:é|e|ait)|a dégringolé|dégringol(?:é|e)|a reculé|recul(?:é|e|ait)|a perdu|perd(?:u|ait)?|a cédé|céd(?:é|ait)|cède|a baissé|baiss(?:é|e)|a lâché|lâch(?:é|e)|s'est effondrée?|s’est effondrée?|effondr(?:é|e)|a glissé|gliss(?:é|e)|en baisse de|en recul de|en repli de|baisse de|repli de|a décroché|a dévissé|dévissé|a sombré|abandonn(?:é|e)|(?:a|ont) rendu|rend(?:u|ait|aient|ent)?|abandonn(?:é|ait|aient|ent)|s'est (?:repliée?s?|enfoncée?s?|effondrée?s?|affaissée?s?|dépréciée?s?)|s’est (?:repliée?s?|enfoncée?s?|effondrée?s?|affaissée?s?|dépréciée?s?)|repli(?:é|ait|aient)|flanch(?:é|e|ait)|corrig(?:é|e|eait)|chut(?:ent|aient)|recul(?:ent|aient)|céd(?:aient|ent)|cèdent|perd(?:ent|aient)|dévisse|dévissait|décroch(?:é|e|ait|ent)|plong(?:ent|eait|eaient)|lâch(?:ait|aient|ent)|gliss(?:ait|aient|ent)|perdre|céder|chuter|reculer|plonger|dévisser|rechut(?:é|e|ait|er)|replong(?:é|e|ait)|redescend(?:u|ait)|dégringolade de|plongeon de|décrochage de|perte de|recul de|(?:baisse|chute|recul|perte|repli) (?:a été|était|est|fut) de",
    hedge: "près de|presque|environ|quelque|un peu plus de|un peu moins de|plus de|jusqu'à|jusqu’à|pas moins de|quasiment|autour de",
    intraday: "jusqu'à|jusqu’à|en séance|en cours de séance|au plus haut de la séance|au plus bas de la séance|en début de séance|en matinée",
    cumulative: 'cette semaine|depuis lundi|sur la semaine|depuis le début de la semaine|en une semaine|(?:en|sur) (?:les )?(?:deux|trois|quatre|cinq|\\d+) (?:dernières )?(?:séances|jours)|depuis l\'annonce|depuis l’annonce',
    marketValue: 'capitalisation boursière|capitalisation|valorisation boursière|vaut|valait|valeur boursière|valeur en bourse|pèse|pesait|pesant',
    valueChange: "effaç(?:ant|é)|efface|perd(?:ant|u)|fondre|envol(?:é|ée)s?|partis? en fumée|a ajouté|ajoutant|(?:a |ont )?(?:augmenté|progressé|gonflé|bondi|diminué|fondu|reculé|baissé|grimpé) de",
    valueChangeAfter: "(?:de|en) (?:sa )?(?:capitalisation|valeur boursière|valeur de marché)",
    blockers:
      "chiffre d'affaires|chiffre d’affaires|ventes|bénéfices?|résultats?|marges?|coûts?|prix|dépenses|utilisation|part de marché|croissance|pib|économie|inflation|demande|livraisons|production|performances?|efficacité|paramètres|utilisateurs|commandes|dividendes?|participation|valorisation|taux|exportations|sur un an|semestre|trimestre|capacité|poids|pondération|objectif de cours|objectif|potentiel|rendement|actifs|encours|collecte|flux",
    fillers: 'encore|fortement|lourdement|nettement|seulement|même|aussi|également|ainsi|lui aussi|elle aussi|eux aussi|à nouveau|de nouveau|brutalement|par ailleurs|pour sa part|de son côté|au total|en revanche|supplémentaires?',
    modal: 'pourrait|pourraient|devrait|devraient|pourra|pourront|devra|devront|risque de|risquent de|serait susceptible de|table sur|tablent sur|prévoi(?:t|ent)|anticip(?:e|ent)|vise|visent|voi(?:t|ent)|parie(?:nt)? sur',
    modalAfter: "d'ici (?:la fin|\\d{4})|à terme|dans les prochains (?:jours|mois)",
    level: 'à|au|aux|sous|au-dessus de|au-delà de|en dessous de',
    moveNounSubject: "(?:hausse|progression|gain|bond|baisse|chute|recul|perte|repli) (?:a été|était|est|fut) de",
    conversion: "soit|environ|près de|quelque|l'équivalent de|l’équivalent de|ou|presque",
    valueOf: "de|du|des|d'|d’",
    partOf: "de|du|des|d'|d’",
    determiners: "sa|son|ses|leur|leurs|la|le|les|l'|l’",
    ownValue: 'valeur|capitalisation|capitalisation boursière|titre|action|actions|cours|plus|moins|hausse|baisse|gain|perte',
    stockNouns: 'actions?|titres?|cours|capitalisation|certificats de dépôt|adr',
    speech: "a dit|ont dit|a déclaré|ont déclaré|a annoncé|ont annoncé|a indiqué|a précisé|a affirmé|a expliqué|a fait savoir|affirme|indique|annonce|explique|estime|précise|déclare",
    negation: "pas|jamais|ne|n'|n’",
    concessive: "malgré|en dépit de|grâce à|à cause de|en raison de|sur fond de",
    ellipsis: "après|après les|après un|après une|au lendemain des|au lendemain d'un|au lendemain d’un",
    fronting: "après|malgré|avec|suite à|grâce à|dans la foulée de",
    pronouns: 'il|elle|ils|elles',
    signedOnly: "(?:a |ont )?(?:terminé|clôturé|fini)|termine|terminait|clôture|clôturait|finit|affiche|affichait|s'affichait|s’affichait|évolu(?:e|ait)",
    alsoSubjects: "tout comme|de même que|ainsi que|à l'instar de|à l’instar de|aux côtés de",
    descriptors: 'fabricant|concepteur|groupe|société|entreprise|géant|fondeur|spécialiste|champion|titre|action',
    moveSize: 'hausse|baisse|gain|perte|progression|recul',
    period: "depuis le début de l'année|depuis le début de l’année|depuis janvier|sur un an|en un an|l'an dernier|l’an dernier|l'année dernière|l’année dernière|cette année|en 20\\d\\d|depuis son introduction|ce mois-ci|le mois dernier|sur douze mois",
  },

  it: {
    up: "è salit[oa]|son[oa] salit[ie]|salit[oaie]|sale|salgono|balzat[oaie]|è balzat[oa]|balza|guadagn(?:ato|a|ano|ando)|ha guadagnato|cresciut[oaie]|cresce|in rialzo del|rialzo del|volat[oaie]|vola|schizzat[oaie]|impennat[oaie]|avanzat[oaie]|aumentat[oaie]|in aumento del|chiuso in rialzo del|rimbalzat[oaie]|salire|guadagnare|balzare|rimbalzare|volare|schizzare|progredire|recuperare|ha recuperato|recuperat[oaie]|recupera(?:no)?|progredit[oaie]|ha messo a segno un (?:rialzo|balzo|progresso|guadagno) del|(?:ha|hanno) chiuso al limite(?: massimo)?(?: di rialzo)? del|al limite(?: massimo)?(?: di rialzo)? del|(?:balzo|rimbalzo|impennata|progresso|guadagno|rialzo|volo) (?:del|dell['’])|in progresso del|(?:ha |hanno )?aggiunt[oaie]|aggiunge(?:ndo)?|in rialzo dell['’]|salit[oaie] dell['’]|sale dell['’]|(?:rialzo|guadagno|balzo|progresso|aumento) (?:è stato|era|è) (?:del|dell['’]|di)",
    down: "crollat[oaie]|croll(?:a|ano)|è scesa|è sceso|scesa|sceso|scese|scesi|scende|scendono|ha perso|pers[oaie]|perde|perdono|ha ceduto|ceduto|cede|calat[oaie]|cala|precipitat[oaie]|affondat[oaie]|in calo del|in ribasso del|ribasso del|arretrat[oaie]|lasciato sul terreno|è scivolat[oa]|son[oa] scivolat[ie]|scivolat[oaie]|scivola(?:no)?|ha restituito|hanno restituito|restituit[oaie]|restituisce|cedere|perdere|scendere|crollare|calare|affondare|(?:tonfo|crollo|calo|ribasso|flessione|perdita|scivolone|ritracciamento) (?:del|dell['’])|in flessione del|in perdita del|in discesa del|arretra(?:no)?|ha lasciato|hanno lasciato|lasciat[oaie] sul terreno|(?:calo|ribasso|perdita|flessione|crollo) (?:è stat[oa]|era|è) (?:del|dell['’]|di)",
    hedge: 'quasi|circa|oltre il|oltre|poco più del|poco più di|poco meno del|poco meno di|più del|più di|fino al|fino a|intorno al|attorno al|addirittura',
    intraday: "fino al|fino a|nel corso della seduta|in intraday|durante la seduta|in mattinata|a metà seduta|nelle prime battute|in avvio|in apertura|arrivat[oaie] a|è arrivat[oa] a|son[oa] arrivat[ie] a|arriva(?:no)? a",
    cumulative: "questa settimana|da inizio settimana|in settimana|da lunedì|nell'ultima settimana|nell’ultima settimana|(?:in|nelle ultime) (?:due|tre|quattro|cinque|\\d+) (?:sedute|giorni|sessioni)|dall'annuncio|dall’annuncio",
    marketValue: 'capitalizzazione di mercato|capitalizzazione|valore di mercato|valore borsistico|valore in borsa|vale|valeva',
    valueChange: 'bruciand[oa]|bruciat[oi]|pers[oi]|perdendo|andati in fumo|aggiunt[oi]|aggiungendo|(?:aumentat[oa]|cresciut[oa]|salit[oa]|sces[oa]|calat[oa]) di',
    valueChangeAfter: 'di (?:capitalizzazione|valore di mercato|valore)',
    blockers:
      "ricavi|fatturato|vendite|utili?|margin[ei]|cost[oi]|prezzi|spes[ae]|utilizzo|quota di mercato|crescita|pil|economia|inflazione|domanda|produzione|prestazioni|efficienza|parametri|utenti|ordini|dividend[oi]|partecipazione|valutazione|tass[oi]|export|su base annua|semestre|trimestre|capacità|peso|ponderazione|prezzo obiettivo|target|potenziale|rendimento|masse gestite|patrimonio|afflussi|deflussi|raccolta",
    fillers: 'ancora|solo|soltanto|pesantemente|fortemente|nettamente|anche|invece|così|persino|addirittura|bene|ben|circa|poi|un ulteriore|ulteriore|un altro',
    modal: 'potrebbe|potrebbero|dovrebbe|dovrebbero|potrà|potranno|dovrà|dovranno|rischia di|rischiano di|prevede|prevedono|stima|stimano|vedono|scommettono',
    modalAfter: 'nei prossimi (?:giorni|mesi)|entro (?:la fine|il \\d{4})',
    level: 'al|allo|alla|ai|agli|alle|sotto|sopra|oltre il|a quota',
    moveNounSubject: "(?:rialzo|guadagno|balzo|progresso|aumento|calo|ribasso|perdita|flessione|crollo) (?:è stat[oa]|era|è) (?:del|dell['’]|di)",
    conversion: "pari a|circa|quasi|ovvero|equivalenti a|cioè|oltre",
    valueOf: "di|del|della|dell'|dell’",
    partOf: "di|del|dello|della|dell'|dell’|dei|degli|delle",
    determiners: "sua|suo|suoi|sue|loro|il|lo|la|l'|l’|i|gli|le",
    ownValue: 'valore|capitalizzazione|titolo|azioni|più|meno|rialzo|ribasso|guadagno|perdita',
    stockNouns: 'azioni|titol[oi]|adr|capitalizzazione',
    speech: "ha detto|hanno detto|ha dichiarato|hanno dichiarato|ha annunciato|hanno annunciato|ha spiegato|ha comunicato|ha affermato|ha riferito|ha precisato|dice|dicono|afferma|annuncia|spiega|comunica|stima",
    negation: 'non|mai',
    concessive: "nonostante|malgrado|a dispetto di|grazie a|a causa di|complice",
    ellipsis: "dopo il|dopo l'|dopo l’|dopo un|dopo una|dopo",
    fronting: 'dopo|nonostante|malgrado|con|grazie a|sulla scia di',
    pronouns: 'esso|essa|essi',
    signedOnly: '(?:ha |hanno )?chiuso|chiude|chiudeva|segna(?:va)?|ha segnato|(?:ha |hanno )?terminato|termina',
    alsoSubjects: 'così come|insieme a|al pari di',
    descriptors: 'produttore|gruppo|società|azienda|colosso|big|campione|titolo',
    moveSize: 'rialzo|ribasso|guadagno|perdita|calo',
    period: "da inizio anno|dall'inizio dell'anno|dall’inizio dell’anno|quest'anno|quest’anno|l'anno scorso|l’anno scorso|nel 20\\d\\d|in un anno|negli ultimi (?:dodici|12) mesi|questo mese|il mese scorso",
  },

  de: {
    up: 'stieg(?:en)?|steigt|gestiegen|legte(?:n)?|zugelegt|schoss(?:en)?|kletterte(?:n)?|klettert|sprang(?:en)?|springt|verteuerte(?:n)?|gewann(?:en)?|gewinnt|schnellte(?:n)?|schnellt|zog(?:en)?|haussierte(?:n)?|im plus|plus von|höher|erholte(?:n)?|plus|ein plus von|das plus|kursplus von|(?:kurs)?anstieg(?: von| um)?|kurssprung von|kursgewinne? von|aufschlag von|am (?:tages)?limit von(?: plus)?|(?:das |dem )?(?:tages)?limit von|zulegten|verteuert(?:e|en)?|hochgeschnellt|erholt|kursgewinn|kursplus|(?:plus|kursplus|gewinn|kursgewinn|anstieg|aufschlag) (?:betrug|belief sich auf|lag bei)',
    down: 'fiel(?:en)?|fällt|gefallen|brach(?:en)?|eingebrochen|verlor(?:en)?|verliert|sackte(?:n)?|abgesackt|sank(?:en)?|sinkt|gesunken|rutschte(?:n)?|stürzte(?:n)?|stürzt|abgestürzt|gab(?:en)?|nachgegeben|büßte(?:n)?|im minus|minus von|tiefer|rauschte(?:n)?|verbilligte(?:n)?|minus|ein minus von|das minus|kursminus von|(?:kurs)?rückgang(?: von| um)?|kurssturz von|kurseinbruch von|kursrutsch von|kursverlust von|abschlag von|knickte(?:n)?|büßten|gaben|rauschten|verbilligt|kursverlust|kursminus|(?:minus|kursminus|verlust|kursverlust|rückgang|abschlag) (?:betrug|belief sich auf|lag bei)',
    hedge: 'fast|knapp|rund|etwa|etwas mehr als|etwas weniger als|mehr als|über|bis zu|zeitweise|zeitweilig|nahezu|gut',
    intraday: 'bis zu|zeitweise|zeitweilig|im handelsverlauf|in der spitze|intraday|im tagesverlauf|im frühen handel|zum handelsstart|im verlauf',
    cumulative: 'diese woche|seit wochenbeginn|seit montag|in dieser woche|binnen einer woche|in einer woche|(?:in|binnen|innerhalb von) (?:den letzten )?(?:zwei|drei|vier|fünf|\\d+) (?:handelstagen|tagen|sitzungen)|seit (?:der )?(?:bekanntgabe|ankündigung|veröffentlichung)(?: de[sr] [\\p{L}-]+)?',
    marketValue: 'börsenwert|marktkapitalisierung|marktwert|börsenbewertung',
    valueChange: 'verlor(?:en)?|verliert|vernichte(?:t|te)|ausradiert|einbüßte|büßte|eingebüßt|gewann|hinzugewonnen|um(?! die)',
    valueChangeAfter: '(?:an|bei) (?:börsenwert|marktwert|marktkapitalisierung|wert)',
    blockers:
      'umsatz|umsätze|erlös|gewinn|ergebnis|marge|kosten|preise|ausgaben|auslastung|marktanteil|anteil|wachstum|bip|wirtschaft|inflation|nachfrage|produktion|leistung|effizienz|parameter|nutzer|aufträge|dividende|beteiligung|bewertung|zins|export|jahresvergleich|vorjahr|quartal|halbjahr|kapazität|gewicht|gewichtung|kursziel|kurspotenzial|potenzial|rendite|fondsvermögen|zuflüsse|abflüsse|mittelzuflüsse',
    finalUp: 'im plus|höher|fester|gestiegen|zugelegt|zulegte(?:n)?|geklettert|kletterte(?:n)?|gesprungen|sprang(?:en)?|gewonnen|gewann(?:en)?|stieg(?:en)?|anzog(?:en)?|angezogen|verteuert|verteuerte(?:n)?|hochgeschnellt|hochschnellte(?:n)?|nach oben geschossen|erholt|erholte(?:n)?|haussiert(?:e|en)?|aufwärts|bergauf',
    finalDown: 'im minus|tiefer|leichter|schwächer|gefallen|fiel(?:en)?|gesunken|sank(?:en)?|eingebrochen|einbrach(?:en)?|abgesackt|absackte(?:n)?|abgerutscht|abrutschte(?:n)?|abgestürzt|abstürzte(?:n)?|verloren|verlor(?:en)?|nachgegeben|nachgab(?:en)?|eingebüßt|einbüßte(?:n)?|abgegeben|abgab(?:en)?|zurückgegangen|zurückging(?:en)?|verbilligt|verbilligte(?:n)?|eingeknickt|einknickte(?:n)?|abwärts|bergab',
    fillers: 'nur|lediglich|sogar|kräftig|deutlich|stark|auch|noch|ebenfalls|damit|dabei|dagegen|hingegen|zuletzt|insgesamt|schließlich|sich|jeweils|weitere|weiteren|nochmals',
    modal: 'könnte|könnten|dürfte|dürften|würde|würden|droht|drohen|rechnen mit|rechnet mit|erwartet|erwarten|prognostiziert|prognostizieren|trauen|traut|zutrauen|sehen|sieht',
    modalAfter: 'für möglich|für denkbar|für wahrscheinlich|erwartet|in den kommenden (?:tagen|wochen|monaten)',
    level: 'auf|unter|über|oberhalb|unterhalb',
    moveNounSubject: 'das (?:minus|plus)|der (?:verlust|abschlag|kursverlust|kursrutsch|einbruch|gewinn|aufschlag)|(?:plus|kursplus|gewinn|kursgewinn|anstieg|aufschlag|minus|kursminus|verlust|kursverlust|rückgang|abschlag) (?:betrug|belief sich auf|lag bei)',
    conversion: "umgerechnet|knapp|rund|etwa|gut|fast|beziehungsweise|bzw\\.|oder",
    valueOf: "von|der|des",
    partOf: 'des|der|beim',
    determiners: 'seines|seiner|ihres|ihrer|dem|den',
    ownValue: 'wert(?:es|s)?|börsenwert(?:es|s)?|marktwert(?:es|s)?|aktien?|papiers?|kurses|gewinns|verlusts',
    stockNouns: 'aktien?|papiere?|titel|adrs?|kurs',
    speech: "sagte|sagten|sagt|teilte mit|teilten mit|erklärte|erklärten|erklärt|kündigte an|berichtete|berichtet|meldete|meldet|gab bekannt|schätzt|schätzte",
    negation: 'nicht|nie|niemals|keineswegs',
    concessive: 'trotz|dank|wegen|aufgrund|infolge|angesichts',
    ellipsis: 'nach dem|nach einem|nach den|nach',
    fronting: 'nach|trotz|mit|dank|angesichts',
    pronouns: 'sie|er',
    separable: [
      ['legte(?:n)?|legt', 'zu', 1],
      ['zog(?:en)?|zieht', 'an', 1],
      ['stieg(?:en)?|steigt', 'an', 1],
      ['schoss(?:en)?|schießt|schnellte(?:n)?|schnellt', 'hoch|empor|in die höhe|nach oben', 1],
      ['ging(?:en)?|geht', 'aufwärts|bergauf|nach oben', 1],
      ['gab(?:en)?|gibt', 'nach|ab', -1],
      ['brach(?:en)?|bricht', 'ein', -1],
      ['büßte(?:n)?|büßt', 'ein', -1],
      ['knickte(?:n)?|knickt', 'ein', -1],
      ['sackte(?:n)?|sackt', 'ab', -1],
      ['rutschte(?:n)?|rutscht', 'ab', -1],
      ['stürzte(?:n)?|stürzt', 'ab', -1],
      ['rauschte(?:n)?|rauscht', 'ab|in die tiefe|nach unten', -1],
      ['ging(?:en)?|geht', 'zurück|abwärts|bergab|nach unten', -1],
      ['fiel(?:en)?|fällt', 'zurück', -1],
    ],
    marketValueAround: ['an der börse|am aktienmarkt|am markt|an der wall street', 'wert'],
    signedOnly: 'schloss(?:en)?|schließt|notierte(?:n)?|notiert|ging(?:en)?|steht|stand(?:en)?|lag(?:en)?',
    alsoSubjects: 'ebenso wie|genauso wie|wie auch|sowie|zusammen mit',
    descriptors: '[\\p{L}-]*(?:hersteller|konzern|entwickler|unternehmen|riese|aktie|papier|titel)',
    moveSize: 'plus|minus|gewinn|verlust|aufschlag|abschlag',
    period: 'seit jahresbeginn|seit jahresanfang|im vergangenen jahr|im laufenden jahr|in diesem jahr|binnen eines jahres|innerhalb eines jahres|im jahr 20\\d\\d|seit dem börsengang|in den vergangenen (?:zwölf|12) monaten|in diesem monat|im vergangenen monat',
  },

  es: {
    up: 'subi(?:ó|eron|endo|r)|sube|suben|se dispar(?:ó|aron)|dispar(?:ó|aron)|avanz(?:ó|aron|a|an)|gan(?:ó|aron|a|an)|escal(?:ó|aron)|repunt(?:ó|aron)|se revaloriz(?:ó|aron)|revaloriz(?:ó|aron)|al alza|alza de|trep(?:ó|aron)|se dispararon|rebot(?:ó|aron)|creci(?:ó|eron)|subida del|subida de un|alza del|repunte del|avance del|se anot(?:ó|aron|a|an)|anot(?:ó|aron)|se apunt(?:ó|aron)|apunt(?:ó|aron)|sum(?:ó|aron)|subido|ganado|avanzado|repuntado|disparado|revalorizado|escalado|rebotado|subir|ganar|dispararse|revalorizarse|escalar|avanzar|repuntar|(?:cerró|cerraron|terminó|terminaron) en el límite (?:diario )?del|en el límite (?:diario )?del|(?:el )?máximo (?:diario )?permitido del|(?:alza|subida|repunte|avance|rebote|escalada|revalorización|ganancia) (?:del|de un)|(?:subida|alza|ganancia|avance|repunte|revalorización) (?:fue|ha sido|era) (?:del|de un|de)',
    down: 'cay(?:ó|eron|endo)|cae|caen|caída de|se desplom(?:ó|aron)|desplom(?:ó|aron)|baj(?:ó|aron|a|an)|perdi(?:ó|eron)|pierde|pierden|retroced(?:ió|ieron|e)|se hundi(?:ó|eron)|hundi(?:ó|eron)|descendi(?:ó|eron)|cedi(?:ó|eron)|cede|recort(?:ó|aron)|a la baja|se dej(?:ó|aron)|caída del|bajada del|descenso del|retroceso del|caído|perdido|retrocedido|cedido|desplomado|hundido|dejado|bajado|caer|perder|hundirse|desplomarse|retroceder|ceder|bajar|dejarse|se dej(?:a|an)|(?:caída|desplome|retroceso|descenso|bajada|pérdida|hundimiento|recorte|desplome) (?:del|de un)|(?:caída|bajada|pérdida|retroceso|descenso|desplome) (?:fue|ha sido|era) (?:del|de un|de)',
    hedge: 'casi|cerca de|alrededor de|algo más de|poco más de|algo menos de|más de|hasta un|hasta|unos|aproximadamente|nada menos que',
    intraday: 'llegaron a|llegó a|lleg(?:ó|aron) a (?:subir|caer|ganar|perder)|hasta un|en la sesión intradía|durante la sesión|llegar a|en los primeros compases|al inicio de la sesión|en la apertura',
    cumulative: 'esta semana|en lo que va de semana|desde el lunes|en la semana|en (?:las últimas )?(?:dos|tres|cuatro|cinco|\\d+) (?:sesiones|jornadas|días)|desde el anuncio',
    marketValue: 'capitalización bursátil|capitalización|valor de mercado|valor bursátil|valor en bolsa|vale|valía',
    valueChange: 'borr(?:aron|ó|ando)|perdi(?:ó|eron)|perdiendo|esfum(?:aron|ó)|evapor(?:aron|ó)|sum(?:ó|aron)|añadi(?:ó|eron)|(?:aumentó|creció|subió|cayó|bajó|se disparó|se redujo) en',
    valueChangeAfter: '(?:de|en) (?:su )?(?:valor de mercado|capitalización|valor bursátil)',
    blockers:
      'ingresos|facturación|ventas|beneficios?|márgen(?:es)?|margen|costes?|costos?|precios|gastos?|utilización|cuota de mercado|crecimiento|pib|economía|inflación|demanda|producción|rendimiento|eficiencia|parámetros|usuarios|pedidos|dividendos?|participación|valoración|tasas?|exportaciones|interanual|semestre|trimestre|capacidad|peso|ponderación|precio objetivo|objetivo|potencial|rentabilidad|activos|patrimonio|flujos|entradas|salidas',
    fillers: 'solo|sólo|solamente|incluso|aún|también|con fuerza|en cambio|por su parte|ya|otro|más|adicional',
    modal: 'podría|podrían|debería|deberían|podrá|podrán|puede|pueden|prevé|prevén|espera|esperan|se espera|apuesta por|apuestan por|calcula|calculan|ven',
    modalAfter: 'en los próximos (?:días|meses)|a final de año',
    level: 'al|a|hasta el|bajo|por debajo del|por encima del|sobre',
    moveNounSubject: '(?:subida|alza|ganancia|avance|repunte|revalorización|caída|bajada|pérdida|retroceso|descenso|desplome) (?:fue|ha sido|era) (?:del|de un|de)',
    conversion: "unos|unas|alrededor de|aproximadamente|casi|cerca de|lo que equivale a|equivalentes a|o",
    valueOf: "de|del",
    partOf: 'de|del|de los|de las',
    determiners: 'su|sus|el|la|los|las',
    ownValue: 'valor|capitalización|capitalización bursátil|acciones|acción|títulos?|más|menos|subida|caída|alza|ganancia|pérdida|avance|retroceso',
    stockNouns: 'acciones|acción|títulos?|adr|capitalización',
    speech: "dijo|dijeron|ha dicho|afirmó|afirma|anunció|anuncia|ha anunciado|explicó|explica|aseguró|asegura|informó|informa|señaló|señala|estima|calcula",
    negation: 'no|nunca|jamás',
    concessive: 'pese a|a pesar de|pese al|a pesar del|gracias a|debido a|por culpa de',
    ellipsis: 'después del|después de un|después de una|tras el|tras un|tras una|tras la|tras los',
    fronting: 'tras|después de|pese a|a pesar de|con|gracias a',
    pronouns: 'ella|ellas|él|ellos',
    signedOnly: 'cerr(?:ó|aron)|cierra|cierran|termin(?:ó|aron)|acab(?:ó|aron)|se situ(?:ó|aron)|marc(?:ó|aron)',
    alsoSubjects: 'al igual que|junto con|junto a|así como',
    descriptors: 'fabricante|diseñador|diseñadora|grupo|empresa|compañía|firma|gigante|tecnológica|título|acción|valor',
    moveSize: 'subida|caída|alza|ganancia|pérdida|avance|retroceso',
    period: 'en lo que va de año|en lo que llevamos de año|desde enero|el año pasado|este año|en 20\\d\\d|en un año|en los últimos (?:doce|12) meses|desde su salida a bolsa|este mes|el mes pasado',
  },

  zh: {
    up: '涨停|大涨逾|大涨近|大涨|暴涨|飙涨|飙升|拉升|走高|收涨|涨幅达|涨幅|涨超|涨逾|涨近|上涨|上升|攀升|劲升|反弹|回升|走强|冲高|收高|上扬|劲涨|狂飙|续涨|翻红|涨',
    down: '跌停|大跌逾|大跌|暴跌|重挫|下挫|挫|跌幅达|跌幅|跌超|跌逾|跌近|收跌|走低|下跌|下滑|跳水|闪崩|回落|回调|下探|走弱|收低|暴挫|大挫|急跌|跌去|杀跌|续跌|翻绿|跌',
    hedge: '近|逾|超|超过|约|接近|一度',
    intraday: '盘中|一度|日内|最高|最多',
    cumulative: '本周|这周|累计|连续|近一周|周内|(?:两|三|四|五|\\d+)个交易日|(?:两|三|四|五)日|(?:两|三|四|五)连板|公告以来|宣布以来',
    marketValue: '总市值|市值',
    valueChange: '蒸发|缩水|增加|减少|损失|增长',
    valueChangeAfter: '(?!)',
    blockers:
      '营收|营业收入|收入|销售|利润|净利|毛利|成本|价格|支出|利用率|份额|增长|同比|环比|GDP|经济|通胀|需求|出货|产量|性能|效率|参数|用户|订单|股息|估值|融资|上半年|季度|产能|权重|目标价|空间|增速|占比|比重|收益率|上限|下限|涨跌幅限制|资产规模|净流入|净流出',
    fillers: '仅|仅仅|也|再度|再次|同样|继续|一度|逆势|强势|大幅|小幅|微',
    modal: '或将|或|可能|有望|预计|预期|料将|料|恐将|将会|若|如果|一旦|看好|认为',
    modalAfter: '(?!)',
    level: '至|到',
    moveNounSubject: '(?!)',
    conversion: "约合|折合|约|合|即|近|逾|超",
    valueOf: "(?!)",
    partOf: '(?!)',
    determiners: '(?!)',
    ownValue: '(?!)',
    stockNouns: '股价|股票|A股|H股|ADR|市值',
    speech: '表示|称|宣布|披露|公告称|指出',
    negation: '没有|并未|未|没|并非|不是',
    concessive: '尽管|虽然|受益于|由于',
    ellipsis: '继|继前一日',
    fronting: '在|继',
    pronouns: '其|它',
    signedOnly: '收报|报|收盘|收于',
    alsoSubjects: '以及|连同',
    descriptors: '该公司|公司|该股|个股',
    moveSize: '涨幅|跌幅',
    period: '今年以来|年初以来|年内|去年|今年|过去一年|近一年|上市以来|本月|上月|年初至今',
  },

};

/** Words for a move to the daily limit: +1 (limit-up) / -1 (limit-down). */
export const LIMIT_WORDS: Record<ArticleLanguage, readonly [string, 1 | -1][]> = {
  en: [['limit-up|limit up', 1], ['limit-down|limit down', -1]],
  fr: [
    ['(?:terminé|fini|clôturé|bloqué) au plafond|au plafond (?:journalier|quotidien|autorisé)', 1],
    ['(?:terminé|fini|clôturé|bloqué) au plancher|au plancher (?:journalier|quotidien|autorisé)', -1],
  ],
  it: [
    ['limite (?:massimo )?(?:di|al) rialzo|limit up', 1],
    ['limite (?:massimo )?(?:di|al) ribasso|limit down', -1],
  ],
  de: [
    ['(?:am|ans) (?:obere[n]? )?tageslimit|limit-up|limit up', 1],
    ['(?:am|ans) untere[n]? tageslimit|limit-down|limit down', -1],
  ],
  es: [
    ['(?:en el|al) (?:límite|máximo) (?:diario|permitido)|límite (?:diario )?al alza', 1],
    ['(?:en el|al) mínimo (?:diario|permitido)|límite (?:diario )?a la baja', -1],
  ],
  zh: [['涨停', 1], ['跌停', -1]],
};

/** A Latin alternation as whole words; Chinese as is. */
export function wordRe(language: ArticleLanguage, alt: string, flags = 'giu'): RegExp {
  return new RegExp(language === 'zh' ? `(?:${alt})` : `(?<![\\p{L}])(?:${alt})(?![\\p{L}])`, flags);
}

/**
 * German blockers also match inside compounds ('Trainingskosten', 'Marktanteil'), except after
 * 'Kurs' (the share price: 'Kursgewinn' is a move, 'Gewinn' a profit).
 */
export function blockerRe(language: ArticleLanguage): RegExp {
  const alt = LEXICON[language].blockers;
  return new RegExp(language === 'zh' ? `(?:${alt})` : language === 'de' ? `(?<!kurs)(?:${alt})` : `(?<![\\p{L}])(?:${alt})(?![\\p{L}])`, 'giu');
}
