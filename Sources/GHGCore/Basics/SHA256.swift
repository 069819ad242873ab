import CSHA256

/// SHA-256 (FIPS 180-4), for the content hashes of inputs, factor sets and outputs recorded in every manifest.
///
/// No Foundation, no package, no heap allocation while hashing. The state is a tuple of eight `UInt32`s, the pending
/// tail a 64-byte tuple; full blocks are compressed straight from the caller's memory. Where the CPU has the x86 SHA
/// extensions, blocks go through the small C function of the `CSHA256` target (about 1.4 GB/s on the development
/// machine, as fast as OpenSSL; Swift cannot emit those instructions); elsewhere through a fully unrolled Swift
/// compression function (about 0.2 GB/s). At national scale the outputs are about a gigabyte, which is why both exist.
/// Tested against the FIPS 180-4 vectors and `sha256sum`, on both paths.
public struct SHA256: Sendable {
    private var state = initialState
    /// Bytes of an incomplete block (< 64), waiting for more input or for `finalize()`.
    private var tail: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    private var tailCount = 0
    private var length: UInt64 = 0

    /// Creates an empty hash state.
    public init() {}

    /// Whether this process compresses with the x86 SHA extensions (false: the Swift compression function).
    public static let usesSHAExtensions = ghg_sha256_has_shani() != 0

    /// Forces the Swift compression function (for tests that check both paths on a machine with the extensions).
    public var portableOnly = false

    private static func compress(_ state: inout State, _ p: UnsafeRawPointer, blocks: Int, portable: Bool) {
        if usesSHAExtensions && !portable {
            withUnsafeMutablePointer(to: &state) { s in
                s.withMemoryRebound(to: UInt32.self, capacity: 8) { words in
                    ghg_sha256_blocks_shani(words, p.assumingMemoryBound(to: UInt8.self), blocks)
                }
            }
        } else {
            swiftCompress(&state, p, blocks: blocks)
        }
    }

    /// Feeds raw bytes.
    ///
    /// - Complexity: O(n); full blocks are compressed in place, only a tail of < 64 bytes is copied.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard var p = buffer.baseAddress, buffer.count > 0 else { return }
        var n = buffer.count
        length &+= UInt64(n)
        if tailCount > 0 {
            let take = min(64 - tailCount, n)
            withUnsafeMutableBytes(of: &tail) { t in
                (t.baseAddress! + tailCount).copyMemory(from: p, byteCount: take)
            }
            tailCount += take
            p += take
            n -= take
            guard tailCount == 64 else { return }
            let block = tail
            withUnsafeBytes(of: block) { t in Self.compress(&state, t.baseAddress!, blocks: 1, portable: portableOnly) }
            tailCount = 0
        }
        let blocks = n >> 6
        if blocks > 0 {
            Self.compress(&state, p, blocks: blocks, portable: portableOnly)
            p += blocks << 6
            n &= 63
        }
        if n > 0 {
            withUnsafeMutableBytes(of: &tail) { t in t.baseAddress!.copyMemory(from: p, byteCount: n) }
            tailCount = n
        }
    }

    /// Feeds bytes.
    @inlinable
    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if done == nil { updateNoncontiguous(bytes) }
    }

    /// Collections without contiguous storage go through a small stack buffer, not an `Array`.
    @inlinable
    internal mutating func updateNoncontiguous<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 512) { chunk in
            var i = 0
            for byte in bytes {
                chunk[i] = byte
                i += 1
                if i == chunk.count { update(UnsafeRawBufferPointer(chunk)); i = 0 }
            }
            if i > 0 { update(UnsafeRawBufferPointer(start: chunk.baseAddress, count: i)) }
        }
    }

    /// Feeds the UTF-8 bytes of a string.
    public mutating func update(_ string: String) {
        var s = string
        s.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// Finishes and returns the 32-byte digest.
    public mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        withUnsafeMutableBytes(of: &tail) { t in
            t[tailCount] = 0x80
            for i in (tailCount + 1)..<64 { t[i] = 0 }
            if tailCount >= 56 {
                Self.compress(&state, UnsafeRawPointer(t.baseAddress!), blocks: 1, portable: portableOnly)
                for i in 0..<56 { t[i] = 0 }
            }
            t.storeBytes(of: bitLength.bigEndian, toByteOffset: 56, as: UInt64.self)
            Self.compress(&state, UnsafeRawPointer(t.baseAddress!), blocks: 1, portable: portableOnly)
        }
        tailCount = 0
        let s = state
        return [UInt8](unsafeUninitializedCapacity: 32) { out, count in
            let raw = UnsafeMutableRawBufferPointer(out)
            raw.storeBytes(of: s.0.bigEndian, toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: s.1.bigEndian, toByteOffset: 4, as: UInt32.self)
            raw.storeBytes(of: s.2.bigEndian, toByteOffset: 8, as: UInt32.self)
            raw.storeBytes(of: s.3.bigEndian, toByteOffset: 12, as: UInt32.self)
            raw.storeBytes(of: s.4.bigEndian, toByteOffset: 16, as: UInt32.self)
            raw.storeBytes(of: s.5.bigEndian, toByteOffset: 20, as: UInt32.self)
            raw.storeBytes(of: s.6.bigEndian, toByteOffset: 24, as: UInt32.self)
            raw.storeBytes(of: s.7.bigEndian, toByteOffset: 28, as: UInt32.self)
            count = 32
        }
    }

    /// The lower-case hexadecimal digest of some bytes.
    public static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var h = SHA256()
        h.update(bytes)
        return hexString(h.finalize())
    }

    /// Lower-case hexadecimal of a digest.
    public static func hexString(_ digest: [UInt8]) -> String {
        String(unsafeUninitializedCapacity: 2 * digest.count) { out in
            func digit(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x57 + v }
            for (i, b) in digest.enumerated() {
                out[2 * i] = digit(b >> 4)
                out[2 * i + 1] = digit(b & 15)
            }
            return 2 * digest.count
        }
    }
}

/// The eight working words H0…H7.
private typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

private let initialState: State = (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)

/// Compresses `blocks` consecutive 64-byte blocks at `p` (any alignment) into `state`.
///
/// Fully unrolled: the message schedule is sixteen local words (registers or spill slots in this frame, no heap, no
/// bounds checks), the constants are immediates, and the names of a…h rotate instead of their values moving.
private func swiftCompress(_ state: inout State, _ p: UnsafeRawPointer, blocks: Int) {
    var p = p
    var (a, b, c, d, e, f, g, h) = state
    for _ in 0..<blocks {
        // BEGIN GENERATED by Scripts/gen-rounds.py
        var w0 = load(p, 0), w1 = load(p, 1), w2 = load(p, 2), w3 = load(p, 3)
        var w4 = load(p, 4), w5 = load(p, 5), w6 = load(p, 6), w7 = load(p, 7)
        var w8 = load(p, 8), w9 = load(p, 9), w10 = load(p, 10), w11 = load(p, 11)
        var w12 = load(p, 12), w13 = load(p, 13), w14 = load(p, 14), w15 = load(p, 15)
        var bc = b ^ c  // b ^ c of the coming round (see `step`)
        step(a, b, &d, e, f, g, &h, &bc, 0x428a2f98 &+ w0)
        step(h, a, &c, d, e, f, &g, &bc, 0x71374491 &+ w1)
        step(g, h, &b, c, d, e, &f, &bc, 0xb5c0fbcf &+ w2)
        step(f, g, &a, b, c, d, &e, &bc, 0xe9b5dba5 &+ w3)
        step(e, f, &h, a, b, c, &d, &bc, 0x3956c25b &+ w4)
        step(d, e, &g, h, a, b, &c, &bc, 0x59f111f1 &+ w5)
        step(c, d, &f, g, h, a, &b, &bc, 0x923f82a4 &+ w6)
        step(b, c, &e, f, g, h, &a, &bc, 0xab1c5ed5 &+ w7)
        step(a, b, &d, e, f, g, &h, &bc, 0xd807aa98 &+ w8)
        step(h, a, &c, d, e, f, &g, &bc, 0x12835b01 &+ w9)
        step(g, h, &b, c, d, e, &f, &bc, 0x243185be &+ w10)
        step(f, g, &a, b, c, d, &e, &bc, 0x550c7dc3 &+ w11)
        step(e, f, &h, a, b, c, &d, &bc, 0x72be5d74 &+ w12)
        step(d, e, &g, h, a, b, &c, &bc, 0x80deb1fe &+ w13)
        step(c, d, &f, g, h, a, &b, &bc, 0x9bdc06a7 &+ w14)
        step(b, c, &e, f, g, h, &a, &bc, 0xc19bf174 &+ w15)
        w0 = schedule(w0, w1, w9, w14)
        step(a, b, &d, e, f, g, &h, &bc, 0xe49b69c1 &+ w0)
        w1 = schedule(w1, w2, w10, w15)
        step(h, a, &c, d, e, f, &g, &bc, 0xefbe4786 &+ w1)
        w2 = schedule(w2, w3, w11, w0)
        step(g, h, &b, c, d, e, &f, &bc, 0x0fc19dc6 &+ w2)
        w3 = schedule(w3, w4, w12, w1)
        step(f, g, &a, b, c, d, &e, &bc, 0x240ca1cc &+ w3)
        w4 = schedule(w4, w5, w13, w2)
        step(e, f, &h, a, b, c, &d, &bc, 0x2de92c6f &+ w4)
        w5 = schedule(w5, w6, w14, w3)
        step(d, e, &g, h, a, b, &c, &bc, 0x4a7484aa &+ w5)
        w6 = schedule(w6, w7, w15, w4)
        step(c, d, &f, g, h, a, &b, &bc, 0x5cb0a9dc &+ w6)
        w7 = schedule(w7, w8, w0, w5)
        step(b, c, &e, f, g, h, &a, &bc, 0x76f988da &+ w7)
        w8 = schedule(w8, w9, w1, w6)
        step(a, b, &d, e, f, g, &h, &bc, 0x983e5152 &+ w8)
        w9 = schedule(w9, w10, w2, w7)
        step(h, a, &c, d, e, f, &g, &bc, 0xa831c66d &+ w9)
        w10 = schedule(w10, w11, w3, w8)
        step(g, h, &b, c, d, e, &f, &bc, 0xb00327c8 &+ w10)
        w11 = schedule(w11, w12, w4, w9)
        step(f, g, &a, b, c, d, &e, &bc, 0xbf597fc7 &+ w11)
        w12 = schedule(w12, w13, w5, w10)
        step(e, f, &h, a, b, c, &d, &bc, 0xc6e00bf3 &+ w12)
        w13 = schedule(w13, w14, w6, w11)
        step(d, e, &g, h, a, b, &c, &bc, 0xd5a79147 &+ w13)
        w14 = schedule(w14, w15, w7, w12)
        step(c, d, &f, g, h, a, &b, &bc, 0x06ca6351 &+ w14)
        w15 = schedule(w15, w0, w8, w13)
        step(b, c, &e, f, g, h, &a, &bc, 0x14292967 &+ w15)
        w0 = schedule(w0, w1, w9, w14)
        step(a, b, &d, e, f, g, &h, &bc, 0x27b70a85 &+ w0)
        w1 = schedule(w1, w2, w10, w15)
        step(h, a, &c, d, e, f, &g, &bc, 0x2e1b2138 &+ w1)
        w2 = schedule(w2, w3, w11, w0)
        step(g, h, &b, c, d, e, &f, &bc, 0x4d2c6dfc &+ w2)
        w3 = schedule(w3, w4, w12, w1)
        step(f, g, &a, b, c, d, &e, &bc, 0x53380d13 &+ w3)
        w4 = schedule(w4, w5, w13, w2)
        step(e, f, &h, a, b, c, &d, &bc, 0x650a7354 &+ w4)
        w5 = schedule(w5, w6, w14, w3)
        step(d, e, &g, h, a, b, &c, &bc, 0x766a0abb &+ w5)
        w6 = schedule(w6, w7, w15, w4)
        step(c, d, &f, g, h, a, &b, &bc, 0x81c2c92e &+ w6)
        w7 = schedule(w7, w8, w0, w5)
        step(b, c, &e, f, g, h, &a, &bc, 0x92722c85 &+ w7)
        w8 = schedule(w8, w9, w1, w6)
        step(a, b, &d, e, f, g, &h, &bc, 0xa2bfe8a1 &+ w8)
        w9 = schedule(w9, w10, w2, w7)
        step(h, a, &c, d, e, f, &g, &bc, 0xa81a664b &+ w9)
        w10 = schedule(w10, w11, w3, w8)
        step(g, h, &b, c, d, e, &f, &bc, 0xc24b8b70 &+ w10)
        w11 = schedule(w11, w12, w4, w9)
        step(f, g, &a, b, c, d, &e, &bc, 0xc76c51a3 &+ w11)
        w12 = schedule(w12, w13, w5, w10)
        step(e, f, &h, a, b, c, &d, &bc, 0xd192e819 &+ w12)
        w13 = schedule(w13, w14, w6, w11)
        step(d, e, &g, h, a, b, &c, &bc, 0xd6990624 &+ w13)
        w14 = schedule(w14, w15, w7, w12)
        step(c, d, &f, g, h, a, &b, &bc, 0xf40e3585 &+ w14)
        w15 = schedule(w15, w0, w8, w13)
        step(b, c, &e, f, g, h, &a, &bc, 0x106aa070 &+ w15)
        w0 = schedule(w0, w1, w9, w14)
        step(a, b, &d, e, f, g, &h, &bc, 0x19a4c116 &+ w0)
        w1 = schedule(w1, w2, w10, w15)
        step(h, a, &c, d, e, f, &g, &bc, 0x1e376c08 &+ w1)
        w2 = schedule(w2, w3, w11, w0)
        step(g, h, &b, c, d, e, &f, &bc, 0x2748774c &+ w2)
        w3 = schedule(w3, w4, w12, w1)
        step(f, g, &a, b, c, d, &e, &bc, 0x34b0bcb5 &+ w3)
        w4 = schedule(w4, w5, w13, w2)
        step(e, f, &h, a, b, c, &d, &bc, 0x391c0cb3 &+ w4)
        w5 = schedule(w5, w6, w14, w3)
        step(d, e, &g, h, a, b, &c, &bc, 0x4ed8aa4a &+ w5)
        w6 = schedule(w6, w7, w15, w4)
        step(c, d, &f, g, h, a, &b, &bc, 0x5b9cca4f &+ w6)
        w7 = schedule(w7, w8, w0, w5)
        step(b, c, &e, f, g, h, &a, &bc, 0x682e6ff3 &+ w7)
        w8 = schedule(w8, w9, w1, w6)
        step(a, b, &d, e, f, g, &h, &bc, 0x748f82ee &+ w8)
        w9 = schedule(w9, w10, w2, w7)
        step(h, a, &c, d, e, f, &g, &bc, 0x78a5636f &+ w9)
        w10 = schedule(w10, w11, w3, w8)
        step(g, h, &b, c, d, e, &f, &bc, 0x84c87814 &+ w10)
        w11 = schedule(w11, w12, w4, w9)
        step(f, g, &a, b, c, d, &e, &bc, 0x8cc70208 &+ w11)
        w12 = schedule(w12, w13, w5, w10)
        step(e, f, &h, a, b, c, &d, &bc, 0x90befffa &+ w12)
        w13 = schedule(w13, w14, w6, w11)
        step(d, e, &g, h, a, b, &c, &bc, 0xa4506ceb &+ w13)
        w14 = schedule(w14, w15, w7, w12)
        step(c, d, &f, g, h, a, &b, &bc, 0xbef9a3f7 &+ w14)
        w15 = schedule(w15, w0, w8, w13)
        step(b, c, &e, f, g, h, &a, &bc, 0xc67178f2 &+ w15)
        // END GENERATED
        a = a &+ state.0; b = b &+ state.1; c = c &+ state.2; d = d &+ state.3
        e = e &+ state.4; f = f &+ state.5; g = g &+ state.6; h = h &+ state.7
        state = (a, b, c, d, e, f, g, h)
        p += 64
    }
}

@inline(__always)
private func load(_ p: UnsafeRawPointer, _ i: Int) -> UInt32 {
    UInt32(bigEndian: p.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
}

@inline(__always)
private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 &- n)) }

/// w[t] = w[t-16] + σ0(w[t-15]) + w[t-7] + σ1(w[t-2]).
@inline(__always)
private func schedule(_ w16: UInt32, _ w15: UInt32, _ w7: UInt32, _ w2: UInt32) -> UInt32 {
    let s0 = rotr(rotr(w15, 11) ^ w15, 7) ^ (w15 >> 3)    // rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3)
    let s1 = rotr(rotr(w2, 2) ^ w2, 17) ^ (w2 >> 10)      // rotr(x, 17) ^ rotr(x, 19) ^ (x >> 10)
    return w16 &+ s0 &+ w7 &+ s1
}

/// One round: `d` becomes the new e, `h` the new a; the caller rotates the names. `bc` carries b ^ c between rounds.
/// The Σ and σ functions are written as nested rotations (one register copy instead of three on x86).
@inline(__always)
private func step(
    _ a: UInt32, _ b: UInt32, _ d: inout UInt32,
    _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ bc: inout UInt32, _ kw: UInt32
) {
    let s1 = rotr(rotr(rotr(e, 14) ^ e, 5) ^ e, 6)     // rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
    let ch = g ^ (e & (f ^ g))
    let t1 = h &+ kw &+ ch &+ s1
    let s0 = rotr(rotr(rotr(a, 9) ^ a, 11) ^ a, 2)     // rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
    let ab = a ^ b
    let maj = b ^ (ab & bc)
    bc = ab
    d = d &+ t1
    h = t1 &+ s0 &+ maj
}
