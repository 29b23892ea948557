import Testing
@testable import Model

@Suite struct SurveyAnswersTests {
    @Test func anAnswerTakesFourteenBytesWithItsCommentInTheTable() {
        // Columns: customer 4 + day 4 + comment number 4 + kind 1 + score code 1 = 14 bytes an
        // answer (a row struct of them with a Double score took 24; a SurveyResponse takes 40).
        let columns = MemoryLayout<Int32>.stride + MemoryLayout<Day>.stride + MemoryLayout<Int32>.stride
            + MemoryLayout<SurveyKind>.stride + MemoryLayout<UInt8>.stride
        #expect(columns == 14)
        let d1 = Day(year: 2024, month: 3, day: 1)!, d2 = Day(year: 2024, month: 3, day: 2)!
        var answers = SurveyAnswers()
        let slow = answers.addComment("Slow checkout")
        answers.append(SurveyResponse(customer: 7, day: d1, kind: .nps, score: 3), commentNumber: slow)
        answers.append(SurveyResponse(customer: nil, day: d2, kind: .csat, score: 4.5), commentNumber: nil)
        answers.append(SurveyResponse(customer: 0, day: d2, kind: .nps, score: 2), commentNumber: slow)
        answers.append(SurveyResponse(customer: 499_999, day: d1, kind: .ces, score: 6, comment: "Easy"))
        // Two answers share "Slow checkout"; "Easy" came with its response: two entries in all.
        #expect(answers.comments == ["Slow checkout", "Easy"])
        #expect(answers.count == 4)
        #expect(answers[0] == SurveyResponse(customer: 7, day: d1, kind: .nps, score: 3, comment: "Slow checkout"))
        #expect(answers[1] == SurveyResponse(customer: nil, day: d2, kind: .csat, score: 4.5))
        #expect(answers[2].comment == "Slow checkout" && answers[2].customer == 0)
        #expect(answers[3] == SurveyResponse(customer: 499_999, day: d1, kind: .ces, score: 6, comment: "Easy"))
        #expect(answers.day(at: 1) == d2 && answers.kind(at: 1) == .csat && answers.score(at: 1) == 4.5)
        #expect(answers.customer(at: 1) == nil && answers.customer(at: 3) == 499_999)
        #expect(answers.comment(at: 1) == nil && answers.comment(at: 3) == "Easy")
    }

    @Test func answersAreEqualByTheirTextsNotTheirCommentNumbers() {
        let d = Day(year: 2024, month: 1, day: 5)!
        let a: SurveyAnswers = [SurveyResponse(customer: 1, day: d, kind: .nps, score: 9, comment: "ok"),
                                SurveyResponse(customer: 2, day: d, kind: .nps, score: 9, comment: "ok")]
        var b = SurveyAnswers()
        let ok = b.addComment("ok")
        b.append(SurveyResponse(customer: 1, day: d, kind: .nps, score: 9), commentNumber: ok)
        b.append(SurveyResponse(customer: 2, day: d, kind: .nps, score: 9), commentNumber: ok)
        // a holds "ok" twice (numbers 0 and 1), b once (number 0 for both): the same answers.
        #expect(a.comments.count == 2 && b.comments.count == 1)
        #expect(a == b)
        b.append(SurveyResponse(customer: 3, day: d, kind: .nps, score: 9))
        #expect(a != b)
    }

    @Test func scoresThatAreNotWholeBytesAreKeptExactlyInTheSideTable() {
        let d = Day(year: 2024, month: 6, day: 1)!
        var answers = SurveyAnswers()
        // In the table: 4.5 (a half CSAT), -0.0 (its sign kept), 255 (the code that means "in
        // the table") and 1/3, answers 1, 3, 5 and 6; in their byte: 0, 9 and 254 (the largest code).
        let scores: [Double] = [0, 4.5, 9, -0.0, 254, 255, 1.0 / 3.0]
        for s in scores { answers.append(SurveyResponse(customer: nil, day: d, kind: .csat, score: s)) }
        #expect(answers.otherScoreAnswers == [1, 3, 5, 6])
        #expect(answers.otherScores.count == 4)
        #expect(answers.scoreCodes == [0, 255, 9, 255, 254, 255, 255])
        for (i, s) in scores.enumerated() {
            #expect(answers.score(at: i) == s && answers.score(at: i).sign == s.sign)
            #expect(answers[i].score == s)
        }
    }
}
