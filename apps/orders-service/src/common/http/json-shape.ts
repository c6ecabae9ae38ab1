import { appendPath, ROOT_PATH } from '../validation/field-path';

export interface JsonShapeLimits {
  /** deepest nesting of objects and arrays (the top level is 1) */
  depth: number;
  /** most keys in one object */
  keys: number;
  /** most elements in one array */
  items: number;
}

const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const COMMA = 44;
const OPEN_OBJECT = 123;
const OPEN_ARRAY = 91;
const CLOSE_OBJECT = 125;
const CLOSE_ARRAY = 93;

/**
 * What is wrong with the shape of a JSON text — nesting deeper than `limits.depth`, an object with more than
 * `limits.keys` keys, an array with more than `limits.items` elements — or undefined. One pass over the
 * characters, before JSON.parse: a hostile body (250,000 empty objects, 60,000 keys, 200,000 levels) is
 * refused once the limit is passed, before a single object of it is built. It judges only the shape:
 * whether the text is JSON at all is JSON.parse's to say afterwards.
 */
export function jsonShapeProblem(text: string, limits: JsonShapeLimits): string | undefined {
  const isArray: boolean[] = [];
  const counts: number[] = []; // keys of an object, commas of an array (its last index)
  // an object's current key, as the span of its raw JSON text (sliced only for a path that is reported:
  // a slice per key was 2 % of the request thread's allocations under registration load)
  const keyStarts: number[] = [];
  const keyEnds: number[] = [];
  let keyStart = 0;
  let keyEnd = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      keyStart = i;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) i++;
        else if (d === QUOTE) break;
      }
      keyEnd = i + 1;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (isArray.length >= limits.depth) return `The body is nested deeper than ${limits.depth} levels.`;
      isArray.push(c === OPEN_ARRAY);
      counts.push(0);
      keyStarts.push(0);
      keyEnds.push(0);
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      isArray.pop();
      counts.pop();
      keyStarts.pop();
      keyEnds.pop();
    } else if (c === COLON && isArray.length > 0 && !isArray[isArray.length - 1]) {
      const top = isArray.length - 1;
      keyStarts[top] = keyStart;
      keyEnds[top] = keyEnd;
      if (++counts[top]! > limits.keys) {
        return `The object at ${pathOf(text, { isArray, counts, keyStarts, keyEnds }, top)} has more than ${limits.keys} keys; send at most ${limits.keys}.`;
      }
    } else if (c === COMMA && isArray[isArray.length - 1]) {
      const top = isArray.length - 1;
      if (++counts[top]! >= limits.items) {
        return `The array at ${pathOf(text, { isArray, counts, keyStarts, keyEnds }, top)} has more than ${limits.items} elements; send at most ${limits.items}.`;
      }
    }
  }
  return undefined;
}

/** The containers open at each level of the scan (their keys as spans of the text). */
interface Levels {
  isArray: boolean[];
  counts: number[];
  keyStarts: number[];
  keyEnds: number[];
}

/** The JSON path of the container at `level` (`lineItems.items`, `$` for the body itself). */
function pathOf(text: string, levels: Levels, level: number): string {
  let path = '';
  for (let j = 0; j < level; j++) {
    if (levels.isArray[j]) path = appendPath(path, String(levels.counts[j]), true);
    else path = appendPath(path, decodeKey(text.slice(levels.keyStarts[j], levels.keyEnds[j])), false);
  }
  return path || ROOT_PATH;
}

function decodeKey(raw: string): string {
  try {
    return String(JSON.parse(raw));
  } catch {
    return raw;
  }
}
