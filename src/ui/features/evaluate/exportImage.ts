// Saving what the Evaluate step draws: SVG text as a file, or rasterised to PNG through a canvas. Nothing
// leaves the browser; the SVGs are self-contained (no external fonts or images).

/** A DOM SVG (a recharts chart) as a standalone file: namespace, explicit size, a white background. */
export function serializeSvg(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const { width, height } = svg.getBoundingClientRect();
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(Math.round(width)));
  clone.setAttribute('height', String(Math.round(height)));
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${Math.round(width)} ${Math.round(height)}`);
  clone.setAttribute('font-family', 'system-ui, sans-serif');
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', '#ffffff');
  clone.insertBefore(bg, clone.firstChild);
  return new XMLSerializer().serializeToString(clone);
}

function svgSize(svgText: string): { width: number; height: number } {
  const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml').documentElement;
  return { width: Number(doc.getAttribute('width')) || 640, height: Number(doc.getAttribute('height')) || 480 };
}

/** Rasterises SVG text at `scale` times its size (2: sharp on paper and high-density screens). */
export async function svgToPng(svgText: string, scale = 2): Promise<Blob> {
  const { width, height } = svgSize(svgText);
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This browser cannot draw on a canvas.');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed.'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The chart's own SVG inside a recharts container (legend icons are small SVGs of the same class). */
export function chartSvg(root: HTMLElement | null): SVGSVGElement | null {
  const area = (s: SVGSVGElement) => { const r = s.getBoundingClientRect(); return r.width * r.height; };
  const all = [...(root?.querySelectorAll<SVGSVGElement>('svg.recharts-surface') ?? [])];
  return all.sort((a, b) => area(b) - area(a))[0] ?? null;
}
