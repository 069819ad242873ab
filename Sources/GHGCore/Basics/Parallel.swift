import Dispatch

/// Work split over threads with results merged in a fixed order, so that outputs never depend on the thread count.
public enum Parallel {
    /// Runs `body(i)` for every `i` in `0..<count`, on up to `threads` threads. Each index is handled exactly once;
    /// callers write results into slots indexed by `i` and merge them in index order.
    public static func forEach(_ count: Int, threads: Int, _ body: (Int) -> Void) {
        if threads <= 1 || count <= 1 {
            for i in 0..<count { body(i) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let box = UnsafeSendable(body)
            DispatchQueue.concurrentPerform(iterations: count) { i in box.value(i) }
        }
    }

    /// Splits `0..<count` into at most `parts` contiguous ranges of nearly equal size, in order.
    public static func ranges(_ count: Int, parts: Int) -> [Range<Int>] {
        let p = max(1, min(parts, count))
        if count == 0 { return [] }
        return (0..<p).map { k in (count * k / p)..<(count * (k + 1) / p) }
    }

    /// Maps `0..<count` to results on up to `threads` threads; the results are in index order.
    public static func map<T: Sendable>(_ count: Int, threads: Int, _ body: (Int) -> T) -> [T] {
        var out = [T?](repeating: nil, count: count)
        out.withUnsafeMutableBufferPointer { buffer in
            let slots = UnsafeSendable(buffer)
            forEach(count, threads: threads) { i in slots.value[i] = body(i) }
        }
        return out.map { $0! }
    }
}

/// A value handed across threads by code that guarantees each thread touches its own part of it.
public struct UnsafeSendable<T>: @unchecked Sendable {
    /// The value.
    public let value: T
    /// Wraps a value.
    public init(_ value: T) { self.value = value }
}
