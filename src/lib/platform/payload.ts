// Reading a binary side script's payload (scripts/payload-script.mjs writes it): the base64 is
// the comment inside a function, returned by Function.prototype.toString. app.html repeats this
// in plain JavaScript because it runs before any module.

/** A side script's payload as it sits in the global table: base64 as a string or in a comment. */
export interface CarriedPayload {
  encoding: 'gzip' | 'identity';
  base64: string | (() => void);
}

export function carriedBase64(carrier: string | (() => void)): string {
  if (typeof carrier === 'string') return carrier;
  const text = Function.prototype.toString.call(carrier);
  const start = text.indexOf('/*');
  const end = text.lastIndexOf('*/');
  if (start < 0 || end < start) throw new Error('the side script carries no payload');
  return text.slice(start + 2, end);
}
