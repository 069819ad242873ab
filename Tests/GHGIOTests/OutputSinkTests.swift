import Foundation
import GHGCore
@testable import GHGIO
import Testing

/// `FileSink` writes its first 8 MiB block through the page cache, the following blocks with direct I/O where the
/// file system takes it, and the tail buffered again: whatever path the bytes take, the file and its hash must be
/// exactly the bytes handed to the sink.
@Suite struct OutputSinkTests {
    /// Deterministic bytes (a 64-bit linear congruential generator, Knuth's MMIX constants).
    static func bytes(_ n: Int, seed: UInt64) -> [UInt8] {
        var x = seed
        return [UInt8](unsafeUninitializedCapacity: n) { buffer, count in
            var i = 0
            while i < n {
                x = x &* 6364136223846793005 &+ 1442695040888963407
                var word = x
                for _ in 0..<min(8, n - i) {
                    buffer[i] = UInt8(truncatingIfNeeded: word >> 56)
                    word <<= 8
                    i += 1
                }
            }
            count = n
        }
    }

    /// Writes `data` through a `FileSink` in the given chunk sizes (cycled), returns the file's bytes and the hash.
    static func roundTrip(_ data: [UInt8], chunks: [Int], folder: String) throws -> ([UInt8], String) {
        let path = folder + "/sink-\(UUID().uuidString).bin"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sink = try FileSink(path: path)
        var from = 0, k = 0
        data.withUnsafeBytes { raw in
            while from < data.count {
                let n = min(chunks[k % chunks.count], data.count - from)
                sink.write(UnsafeRawBufferPointer(rebasing: raw[from..<(from + n)]))
                from += n
                k += 1
            }
        }
        #expect(sink.count == data.count)
        let hash = try sink.finish()
        let back = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        return (back, hash)
    }

    /// Folders to write into: the temporary folder, and shared memory (tmpfs, which may refuse direct I/O) when
    /// the machine has it.
    static var folders: [String] {
        var f = [NSTemporaryDirectory()]
        if FileManager.default.fileExists(atPath: "/dev/shm") { f.append("/dev/shm") }
        return f
    }

    @Test("sizes around the block and sector edges come back byte for byte, with their SHA-256",
          arguments: [0, 1, 4095, FileSink.block - 1, FileSink.block, FileSink.block + 1,
                      2 * FileSink.block, 2 * FileSink.block + 4096, 2 * FileSink.block + 3 * 4096 + 777])
    func sizes(_ n: Int) throws {
        let data = Self.bytes(n, seed: UInt64(n) + 1)
        for folder in Self.folders {
            let (back, hash) = try Self.roundTrip(data, chunks: [1 << 20, 7, (3 << 20) + 5, 1, 4096], folder: folder)
            #expect(back.count == n, "\(folder): \(back.count) bytes on disk, \(n) written")
            #expect(back == data, "\(folder): the file differs from the bytes written")
            #expect(hash == SHA256.hex(data), "\(folder): the hash is not the bytes' SHA-256")
        }
    }

    @Test("one large chunk (a writer's flush bigger than a block) is split into blocks and a tail")
    func largeChunk() throws {
        let data = Self.bytes(3 * FileSink.block + 12_345, seed: 7)
        for folder in Self.folders {
            let (back, hash) = try Self.roundTrip(data, chunks: [data.count], folder: folder)
            #expect(back == data, "\(folder)")
            #expect(hash == SHA256.hex(data), "\(folder)")
        }
    }

    @Test("JSON string literals: runs appended whole give the escapes byte by byte (quotes, backslashes, controls, UTF-8)")
    func jsonQuoting() {
        func reference(_ v: String) -> [UInt8] {
            var b: [UInt8] = [0x22]
            for c in v.utf8 {
                switch c {
                case 0x22, 0x5C: b += [0x5C, c]
                case 0x0A: b += Array("\\n".utf8)
                case 0x0D: b += Array("\\r".utf8)
                case 0x09: b += Array("\\t".utf8)
                case 0..<0x20: b += Array(("\\u00" + (c < 16 ? "0" : "") + String(c, radix: 16)).utf8)
                default: b.append(c)
                }
            }
            return b + [0x22]
        }
        let pieces = ["a", "原煤", "\"", "\\", "\n", "\r", "\t", "\u{1}", "\u{1F}", "x y", "×", "\u{7F}", ""]
        var state: UInt64 = 7
        for _ in 0..<5000 {
            var text = ""
            for _ in 0..<Int(state >> 60) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var b: [UInt8] = []
            JSONValue.quote(text, into: &b)
            #expect(b == reference(text), "\(text.debugDescription)")
        }
        #expect(JSONValue.string("a\"b\\c\n\u{2}原").compact == #""a\"b\\c\n\u0002原""#)
    }
}
