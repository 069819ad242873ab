import Foundation

/// Interns byte strings read from a buffer: equal bytes get equal ids, so a column of millions of repeated texts
/// becomes a column of small integers and one table of distinct strings.
///
/// Open addressing over word-at-a-time hashes; the distinct strings' bytes are kept in one arena.
///
/// - Complexity: O(length) per lookup, amortised.
struct ByteInterner {
    /// The distinct strings, by id (decoded as UTF-8, invalid bytes replaced; ``valid`` says which were valid).
    private(set) var strings: [String] = []
    /// Whether each string's bytes were valid UTF-8.
    private(set) var valid: [Bool] = []
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int
    private var lastID: Int32 = -1

    init(capacity: Int = 64) {
        var c = 16
        while c < capacity * 2 { c <<= 1 }
        slots = [Int32](repeating: -1, count: c)
        mask = c - 1
    }

    @inline(__always)
    static func load(_ p: UnsafePointer<UInt8>) -> UInt64 { UnsafeRawPointer(p).loadUnaligned(as: UInt64.self) }

    /// A hash of the bytes: eight at a time from 8 bytes on (never reading outside them), FNV-1a below.
    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        if n >= 8 {
            var h = UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15
            var i = 0
            while i + 8 <= n {
                h = (h ^ load(p + i)) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 31
                i += 8
            }
            if i < n {
                h = (h ^ load(p + n - 8)) &* 0x94D0_49BB_1331_11EB
                h ^= h >> 29
            }
            return h
        }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in 0..<n { h = (h ^ UInt64(p[i])) &* 0x100_0000_01b3 }
        return h
    }

    /// Whether `n` bytes at `a` and `b` are equal (two word compares up to 16 bytes).
    @inline(__always)
    static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        if n >= 8 && n <= 16 { return load(a) == load(b) && load(a + n - 8) == load(b + n - 8) }
        if n < 8 {
            for i in 0..<n where a[i] != b[i] { return false }
            return true
        }
        return memcmp(a, b, n) == 0
    }

    @inline(__always)
    private func equal(_ id: Int32, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let s = starts[Int(id)], e = starts[Int(id) + 1]
        guard e - s == n else { return false }
        return n == 0 || arena.withUnsafeBufferPointer { a in Self.same(a.baseAddress! + s, p, n) }
    }

    /// The id of the bytes, adding them if new.
    @inline(__always)
    mutating func intern(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
        // Consecutive rows often repeat a value (a county's code, a source): check the last id first.
        if lastID >= 0, equal(lastID, p, n) { return lastID }
        let h = Self.hash(p, n)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = slots[i]
            if id < 0 { break }
            if hashes[Int(id)] == h, equal(id, p, n) { lastID = id; return id }
            i = (i + 1) & mask
        }
        let id = Int32(strings.count)
        let bytes = UnsafeBufferPointer(start: p, count: n)
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        hashes.append(h)
        if let s = String(validating: bytes, as: UTF8.self) {
            strings.append(s)
            valid.append(true)
        } else {
            strings.append(String(decoding: bytes, as: UTF8.self))
            valid.append(false)
        }
        slots[i] = id
        lastID = id
        if strings.count * 2 > slots.count { grow() }
        return id
    }

    private mutating func grow() {
        let c = slots.count * 2
        slots = [Int32](repeating: -1, count: c)
        mask = c - 1
        for (id, h) in hashes.enumerated() {
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(id)
        }
    }
}
