import Dispatch
import Synchronization

extension Array where Element: Sendable {
    /// `map` with the elements spread over the machine's cores; the results are in element
    /// order whatever order the work finishes in, so the output is the same as `map`'s.
    func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let results = Mutex<[T?]>(Array<T?>(repeating: nil, count: count))
        let elements = self
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let value = transform(elements[i])
            results.withLock { $0[i] = value }
        }
        return results.withLock { $0.map { $0! } }
    }
}
