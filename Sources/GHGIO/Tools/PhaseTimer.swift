import Foundation

/// Wall-clock times of the pipeline's phases, printed to standard error when `GHG_TIMING=1` (for profiling; the
/// benchmark reports whole runs), with the process's CPU time (user and system, all threads) over the same span:
/// a phase whose CPU time is near twice its wall time kept both cores busy.
public struct PhaseTimer {
    private let enabled = ProcessInfo.processInfo.environment["GHG_TIMING"] == "1"
    private var last = DispatchTime.now()
    private var lastCPU = PhaseTimer.cpuMilliseconds()
    private var lastFaults = PhaseTimer.usage().ru_minflt

    /// Starts timing now.
    public init() {}

    private static func usage() -> rusage {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        return u
    }

    /// The process's user and system CPU time so far, in ms.
    private static func cpuMilliseconds() -> Double {
        let u = usage()
        func ms(_ t: timeval) -> Double { Double(t.tv_sec) * 1000 + Double(t.tv_usec) / 1000 }
        return ms(u.ru_utime) + ms(u.ru_stime)
    }

    /// Prints the time since the previous mark.
    public mutating func mark(_ phase: String) {
        guard enabled else { return }
        let now = DispatchTime.now()
        let cpu = Self.cpuMilliseconds()
        let u = Self.usage()
        let ms = Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e6
        // Pages touched for the first time (minor faults, 4 KiB each) and the peak resident size so far: on a virtual
        // machine, memory touched for the first time is a large part of the time.
        let touched = (u.ru_minflt - lastFaults) * 4 / 1024, peak = u.ru_maxrss / 1024
        FileHandle.standardError.write(Data(("[timing] \(phase): \(Int(ms)) ms (cpu \(Int(cpu - lastCPU)) ms, "
            + "\(touched) MiB first touched, peak \(peak) MiB)\n").utf8))
        last = now
        lastCPU = cpu
        lastFaults = u.ru_minflt
    }
}
