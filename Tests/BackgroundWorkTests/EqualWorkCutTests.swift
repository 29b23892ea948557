import Testing
import BackgroundWork

@Suite struct EqualWorkCutTests {
    /// Items of work 3, 1, 1, 1, 4: the work before k = 0…5 is 0, 3, 4, 5, 6, 10 (worked by hand).
    @Test func theFirstIndexWhoseWorkBeforeReachesTheTarget() {
        let before = [0, 3, 4, 5, 6, 10]
        let cut = { (start: Int, target: Int) in
            EqualWorkCut.firstIndex(from: start, to: 5, reaching: target) { before[$0] }
        }
        #expect(cut(0, 5) == 3)   // half of 10: items 0 ..< 3 hold 5
        #expect(cut(0, 4) == 2)
        #expect(cut(0, 0) == 0)
        #expect(cut(0, 11) == 5)  // never reached: the end
        #expect(cut(4, 5) == 4)   // from a later start, which already holds more
        #expect(cut(3, 10) == 5)
    }
}
