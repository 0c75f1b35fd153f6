/**
 * Rendering in plain Node: Vega-Lite → Vega (compile), Vega → SVG (headless View, renderer 'none',
 * no browser, no canvas package), SVG → PNG (resvg with the DejaVu fonts loaded explicitly so the
 * pixels do not depend on which fonts a machine happens to have). exportChart writes all three.
 */
import { writeFileAtomic } from '../data/atomic.ts';
import { mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { Resvg } from '@resvg/resvg-js';
import { InputError } from '../errors.ts';
import { useDejaVuTextMetrics } from './text-metrics.ts';
import type { VegaLiteSpec } from './types.ts';

/** The compiled Vega spec plus every warning vega-lite logged while compiling. */
export interface CompiledChart {
  vega: vega.Spec;
  warnings: string[];
}

/**
 * Compiles a Vega-Lite spec to Vega, collecting warnings instead of printing them
 * (vega-lite's default logger writes to the console).
 */
export function compileToVega(spec: VegaLiteSpec): CompiledChart {
  const warnings: string[] = [];
  const logger = {
    level(): number {
      return 2;
    },
    error(...args: unknown[]) {
      warnings.push(`error: ${args.map(String).join(' ')}`);
      return this;
    },
    warn(...args: unknown[]) {
      warnings.push(args.map(String).join(' '));
      return this;
    },
    info() {
      return this;
    },
    debug() {
      return this;
    },
  };
  // vega-lite's Logger interface has an overloaded level(); our collector only reads it.
  // Compile a JSON copy: vega stamps its ids onto data rows it ingests, and the caller's spec
  // (often written to <base>.vl.json afterwards) must come out of rendering untouched.
  const plain = JSON.parse(JSON.stringify(spec)) as VegaLiteSpec;
  const out = compile(plain, { logger: logger as unknown as NonNullable<Parameters<typeof compile>[1]>['logger'] });
  return { vega: out.spec as vega.Spec, warnings };
}

/** A loader that refuses every request: charts carry their data inline, never fetch it. */
const noNetworkLoader = {
  load(uri: string): Promise<string> {
    return Promise.reject(new InputError(`chart spec asks to load '${uri}': charts must carry their data inline (data: { values })`));
  },
  sanitize(uri: string): Promise<{ href: string }> {
    return Promise.reject(new InputError(`chart spec asks to load '${uri}': charts must carry their data inline (data: { values })`));
  },
  http(): Promise<string> {
    return Promise.reject(new InputError('charts must carry their data inline'));
  },
  file(): Promise<string> {
    return Promise.reject(new InputError('charts must carry their data inline'));
  },
};

/**
 * Renders a Vega-Lite spec to an SVG string in Node. Text widths come from a DejaVu Sans width table
 * (no canvas needed, see text-metrics.ts);
 * text content is XML-escaped by vega's SVG writer, so the SVG can be inlined into HTML.
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const { vega: vgSpec } = compileToVega(spec);
  useDejaVuTextMetrics();
  const view = new vega.View(vega.parse(vgSpec), {
    renderer: 'none',
    loader: noNetworkLoader as unknown as vega.Loader,
    logLevel: vega.Error,
  });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** DejaVu Sans faces (regular, bold, oblique, bold oblique), as installed on Debian/Ubuntu. */
const DEJAVU_DIR = '/usr/share/fonts/truetype/dejavu';
const DEJAVU_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSans-BoldOblique.ttf'];

/**
 * resvg font options: the DejaVu TTFs only (same glyphs on every machine that has them),
 * falling back to the system fonts when they are missing.
 */
export function pngFontOptions(fontDir = DEJAVU_DIR) {
  const files = DEJAVU_FILES.map((f) => join(fontDir, f)).filter((f) => existsSync(f));
  if (files.length > 0) {
    return {
      fontFiles: files,
      loadSystemFonts: false,
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    };
  }
  return { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' };
}

/** Rasterizes an SVG to PNG bytes, scaled to `width` px (default: the SVG's own width). */
export function renderPng(svg: string, options: { width?: number } = {}): Buffer {
  if (options.width !== undefined && (!Number.isInteger(options.width) || options.width <= 0 || options.width > 10000)) {
    throw new InputError(`renderPng: width must be a whole number of pixels in 1..10000, got ${options.width}`);
  }
  const resvg = new Resvg(svg, {
    fitTo: options.width === undefined ? { mode: 'original' } : { mode: 'width', value: options.width },
    font: pngFontOptions(),
    background: 'white',
    logLevel: 'off',
  });
  return resvg.render().asPng();
}

/** Paths written by {@link exportChart}. */
export interface ExportedChart {
  specPath: string;
  svgPath: string;
  pngPath: string;
}

/**
 * Writes `<base>.vl.json` (the Vega-Lite spec, 2-space JSON), `<base>.svg` and `<base>.png`
 * (at 2× width for sharp text in documents, unless `pngWidth` is given) into `dir`.
 *
 * @example
 * await exportChart(abnormalReturnBars(input), 'out/charts', 'nvda-ar');
 */
export async function exportChart(
  spec: VegaLiteSpec,
  dir: string,
  baseName: string,
  options: { pngWidth?: number } = {},
): Promise<ExportedChart> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(baseName)) {
    throw new InputError(`exportChart: base name '${baseName}' must be letters, digits, '.', '_' or '-' (no path separators)`);
  }
  const svg = await renderSvg(spec);
  const svgWidth = Number(/<svg[^>]*\swidth="(\d+(?:\.\d+)?)"/.exec(svg)?.[1] ?? 0);
  const png = renderPng(svg, { width: options.pngWidth ?? (svgWidth > 0 ? Math.round(svgWidth * 2) : undefined) });
  mkdirSync(dir, { recursive: true });
  const specPath = join(dir, `${baseName}.vl.json`);
  const svgPath = join(dir, `${baseName}.svg`);
  const pngPath = join(dir, `${baseName}.png`);
  writeFileAtomic(specPath, `${JSON.stringify(spec, null, 2)}\n`);
  writeFileAtomic(svgPath, svg);
  writeFileAtomic(pngPath, png);
  return { specPath, svgPath, pngPath };
}
