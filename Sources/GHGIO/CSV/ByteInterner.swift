import Foundation

/// Interns byte strings read from a buffer: equal bytes get equal ids, so a column of millions of repeated texts
/// becomes a column of small integers and one table of distinct strings.
///
/// Open addressing over FNV-1a hashes; the distinct strings' bytes are kept in one arena.
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
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in 0..<n { h = (h ^ UInt64(p[i])) &* 0x100_0000_01b3 }
        return h
    }

    @inline(__always)
    private func equal(_ id: Int32, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let s = starts[Int(id)], e = starts[Int(id) + 1]
        guard e - s == n else { return false }
        return arena.withUnsafeBufferPointer { a in n == 0 || memcmp(a.baseAddress! + s, p, n) == 0 }
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
