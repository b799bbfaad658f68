import type { CodeOptions } from 'ajv';
import { RE2JS } from 're2js';
import { excerpt } from './excerpt';

/**
 * The regular-expression engine of parameter schemas (`pattern`, `patternProperties`,
 * `propertyNames.pattern`): RE2's, in pure JavaScript (re2js), whose matching time grows
 * linearly with the input whatever the pattern. JavaScript's own engine backtracks:
 * `^([a-z0-9]+-?)+$` against 28 letters and an underscore took 13 s, doubling with every
 * letter, on the backend's event loop — a developer's parameter value stalling every user.
 *
 * JSON Schema patterns are ECMAScript syntax; re2js translates the common differences (named
 * groups, `\u` escapes, `/`). What RE2 cannot run in linear time — lookahead, lookbehind,
 * backreferences — is refused when the schema is compiled, so the template is reported as
 * broken instead of running unguarded. Classes are ASCII in RE2 (`\s` is `[\t\n\f\r ]`), and
 * `.` also matches `\r`, `\u2028` and `\u2029`.
 */
export const linearRegExp: NonNullable<CodeOptions['regExp']> = Object.assign(
  (pattern: string) => {
    try {
      return RE2JS.compile(RE2JS.translateRegExp(pattern));
    } catch (error) {
      throw new Error(
        `pattern ${JSON.stringify(
          excerpt(pattern),
        )} cannot be used: parameter patterns run on a linear-time engine (RE2), without lookahead, lookbehind or backreferences (${excerpt(
          (error as Error).message,
        )})`,
      );
    }
  },
  // Only Ajv's standalone code generation reads this: how generated code would get the engine.
  { code: 'require("re2js").RE2JS.compile' },
);
