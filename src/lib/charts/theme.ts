// Okabe–Ito: distinguishable with the common forms of colour blindness.
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'] as const;

/** The fonts charts ask for; the workbench ships no web font and loads none. */
export const CHART_FONT = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', system-ui, sans-serif";
