/** A list's optional filters as SQL: each given value adds its clause and its named parameter; absent ones add none. */
export function sqlFilters() {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  return {
    where,
    params,
    when(value: unknown, clause: string, name: string) {
      if (value === undefined || value === '') return;
      where.push(clause);
      params[name] = value;
    },
  };
}
