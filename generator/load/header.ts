/**
 * Request headers for a metadata URL, as the user gives them (`--header "Name: value"`, the config's `headers`).
 * Their values are secrets: no message here ever contains one.
 */

export class HeaderError extends Error {
  override readonly name = "HeaderError";
}

// RFC 9110 token characters.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Why a header name or value cannot be sent, or undefined when it can. The message names the header only when
 * the name itself is valid, and never quotes the value.
 */
export function headerProblem(name: string, value: string): string | undefined {
  if (name === "") return "a header needs a name before the colon";
  if (!TOKEN.test(name)) {
    const at = [...name].findIndex((c) => !TOKEN.test(c));
    return `a header name may hold only letters, digits and !#$%&'*+-.^_\`|~ (character ${at + 1} of the name is not one of them)`;
  }
  if (/[\r\n]/.test(value)) return `the value of header ${name} holds a line break (CR or LF), which would start another header`;
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value)) return `the value of header ${name} holds a control character`;
  if (/[^\u0000-\u00ff]/.test(value)) return `the value of header ${name} holds a character outside Latin-1, which HTTP cannot carry`;
  return undefined;
}

/** `Name: value` → name and value (spaces around either trimmed). Throws HeaderError, whose message never holds the value. */
export function parseHeader(text: string): { name: string; value: string } {
  const colon = text.indexOf(":");
  if (colon < 0) throw new HeaderError("a header must be given as Name: value (there is no colon)");
  const name = text.slice(0, colon).trim();
  const value = text.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, "");
  const problem = headerProblem(name, value);
  if (problem !== undefined) throw new HeaderError(problem);
  return { name, value };
}
