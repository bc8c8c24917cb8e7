// Strings of the sql page (zh-CN default, en). Keys start with 'sql.'.
export const zh = {} as const;

export const en: Record<keyof typeof zh, string> = {};
