// The slice of utif's API the cross-check test uses (the package ships no types).
declare module 'utif' {
  interface Ifd {
    width: number;
    height: number;
    data: Uint8Array;
  }
  const UTIF: {
    decode(buffer: ArrayBuffer): Ifd[];
    decodeImage(buffer: ArrayBuffer, ifd: Ifd): void;
  };
  export default UTIF;
}
