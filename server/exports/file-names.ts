/** A file name that survives every browser and file system: ASCII letters, digits, '.', '-'. */
export const asciiSafe = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
