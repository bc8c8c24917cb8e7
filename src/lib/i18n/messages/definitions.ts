// Strings of the definitions page (zh-CN default, en). Keys start with 'definitions.'.
export const zh = {} as const;

export const en: Record<keyof typeof zh, string> = {};
