import { expect, test } from 'vitest'
import { acceptedEncodings, isVariantName } from '../../../../server/http/built-file.ts'

test('brotli first, then gzip, as the request names them', () => {
  expect(acceptedEncodings('gzip, deflate, br, zstd')).toEqual(['br', 'gzip'])
  expect(acceptedEncodings('br')).toEqual(['br'])
  expect(acceptedEncodings('GZIP')).toEqual(['gzip'])
  expect(acceptedEncodings('x-gzip')).toEqual(['gzip'])
  expect(acceptedEncodings(' gzip ;q=1 , br ; q=0.9')).toEqual(['gzip', 'br'])
  expect(acceptedEncodings('br;q=0.5, gzip;q=0.5')).toEqual(['br', 'gzip'])
})

test('nothing compressed for a request that did not name an encoding, or refused it', () => {
  for (const header of [undefined, '', 'identity', '*', '*;q=1', 'deflate', 'zstd', 'br;q=0, gzip;q=0.000', 'br;q=nonsense']) {
    expect(acceptedEncodings(header), String(header)).toEqual([])
  }
})

test('NAME.br and NAME.gz of a built file are variants, a gzipped tarball is a file of its own', () => {
  expect(isVariantName('index-Ab12.js.br')).toBe(true)
  expect(isVariantName('pglite-Ab12.wasm.gz')).toBe(true)
  expect(isVariantName('pglite-Ab12.data.br')).toBe(true)
  expect(isVariantName('index-Ab12.js')).toBe(false)
  expect(isVariantName('vector.tar.gz')).toBe(false)
})
