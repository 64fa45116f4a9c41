import { describe, expect, it } from 'vitest';
import { iniGet, parseIni } from './metaIni';

describe('parseIni', () => {
  it('reads sections and keys case-insensitively, across CRLF, CR, LF and NUL line ends', () => {
    const ini = parseIni('[User]\r\nDate=10/09/2023\r\n[SYSTEM]\rSystemType=Helios 5 Hydra CX\n[Scan]\0PixelWidth=1e-08\n');
    expect(iniGet(ini, 'user', 'date')).toBe('10/09/2023');
    expect(iniGet(ini, 'System', 'SYSTEMTYPE')).toBe('Helios 5 Hydra CX');
    expect(iniGet(ini, 'Scan', 'PixelWidth')).toBe('1e-08');
  });

  it('treats empty values as absent, keeps the first of a repeated key, and skips junk lines', () => {
    const ini = parseIni('loose=1\n[Image]\nMagCanvasRealWidth=\nResolutionX=3072\nResolutionX=9\n; comment\nnot a pair\n=x\n');
    expect(iniGet(ini, 'Image', 'MagCanvasRealWidth')).toBeUndefined();
    expect(iniGet(ini, 'Image', 'ResolutionX')).toBe('3072');
    expect(iniGet(ini, '', 'loose')).toBe('1');
    expect(iniGet(ini, 'Missing', 'x')).toBeUndefined();
  });

  it('merges a section that appears twice', () => {
    const ini = parseIni('[A]\nx=1\n[B]\ny=2\n[a]\nz=3\n');
    expect(iniGet(ini, 'A', 'x')).toBe('1');
    expect(iniGet(ini, 'A', 'z')).toBe('3');
  });
});
