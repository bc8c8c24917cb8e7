// Export choices that hold for the visit: whether images carry their caption.
class ExportPrefs {
  caption = $state(true);
}

export const exportPrefs = new ExportPrefs();
