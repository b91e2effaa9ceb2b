/** SQL list literal for check constraints, e.g. `'a', 'b'`; the values are the project's own vocabulary, never input. */
export const sqlList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
