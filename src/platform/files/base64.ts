import { invalidField } from '../errors.js';

/** The bytes of a data URL or bare base64 text (as JSON bodies carry files); anything else is refused naming `field`. */
export function decodeBase64(data: string, field: string): Buffer {
  const m = /^data:([\w/+.-]+);base64,(.*)$/s.exec(data);
  const b64 = (m ? m[2]! : data).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) throw invalidField(field, '不是有效的 base64 文件数据');
  return Buffer.from(b64, 'base64');
}
