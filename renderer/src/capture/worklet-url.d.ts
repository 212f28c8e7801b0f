// Vite's "?worker&url" import: the worklet is compiled and bundled with its imports, and its URL returned.
declare module '*?worker&url' {
  const url: string;
  export { url as default };
}
