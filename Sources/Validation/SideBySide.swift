import Dispatch

/// Two independent jobs run at the same time: `first` on another thread while `second` runs
/// (`DispatchQueue.concurrentPerform`, whose calling thread takes one of the two), both results
/// returned once both are done. Each job must depend only on its own inputs, so the results are
/// those of running one after the other.
package enum SideBySide {
    package static func run<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
        var a: A?
        var b: B?
        withUnsafeMutablePointer(to: &a) { aSlot in
            withUnsafeMutablePointer(to: &b) { bSlot in
                withoutActuallyEscaping(first) { first in
                    withoutActuallyEscaping(second) { second in
                        nonisolated(unsafe) let aSlot = aSlot, bSlot = bSlot, first = first, second = second
                        DispatchQueue.concurrentPerform(iterations: 2) { job in
                            if job == 0 { aSlot.pointee = first() } else { bSlot.pointee = second() }
                        }
                    }
                }
            }
        }
        return (a!, b!)
    }
}
