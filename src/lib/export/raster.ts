// SVG → PNG through the browser's own rasteriser: the SVG (carrying its font as a data: URL)
// becomes an <img>, which is drawn onto a canvas `scale` times the chart's CSS size. A data: URL,
// not a blob: URL, so the canvas stays untainted on file:// pages.

export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

export async function svgToCanvas(svg: string, width: number, height: number, scale: number): Promise<HTMLCanvasElement> {
  const image = new Image();
  image.src = svgDataUrl(svg);
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('canvas 2d context unavailable');
  // Slides and documents are white; a transparent PNG turns black in some viewers.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas;
}

export async function svgToPngBlob(svg: string, width: number, height: number, scale: number): Promise<Blob> {
  const canvas = await svgToCanvas(svg, width, height, scale);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'));
}
