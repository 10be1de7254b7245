// The regular expressions of a client's JSON Schema (`pattern`, `patternProperties` keys) run in
// RE2's linear-time engine (re2js, pure JavaScript), never in V8's backtracking one: a pattern
// such as ^(a+)+$ against "aaaa…a!" takes time proportional to the text, not exponential in it,
// so no schema can freeze the gateway's event loop. RE2 has no lookaround and no backreferences
// (those are what need backtracking) and caps counted repetition at 1000: a pattern using them
// cannot be compiled and the schema is refused (a 400, see schema.ts). Patterns are read as
// ECMAScript ones (re2js translates the syntax) and match anywhere in the string, as JSON Schema says.
import type { RegExpEngine, RegExpLike } from "ajv/dist/types/index.js";
import { RE2JS } from "re2js";

class LinearPattern implements RegExpLike {
  constructor(
    private readonly source: string,
    private readonly re: RE2JS,
  ) {}

  test(text: string): boolean {
    return this.re.test(text);
  }

  /** Ajv keys compiled patterns by their string form. */
  toString(): string {
    return `/${this.source}/`;
  }
}

function compileLinear(pattern: string): RegExpLike {
  try {
    return new LinearPattern(pattern, RE2JS.compile(RE2JS.translateRegExp(pattern)));
  } catch (error) {
    throw new Error(
      `pattern ${JSON.stringify(pattern)} cannot be used: response healing runs patterns in a linear-time engine (RE2), without lookaround, backreferences or repetition counts above 1000 (${(error as Error).message})`,
    );
  }
}

/** Ajv's `code.regExp`. `code` is what Ajv's standalone code generation would import (unused here). */
export const linearRegExp: RegExpEngine = Object.assign((pattern: string) => compileLinear(pattern), { code: 'require("re2js").RE2JS' });
