import Foundation
import XCTest
@testable import TUI

final class MailboxTests: XCTestCase {
    func testMessagesFromAnotherThreadWakeThePollAndArriveInOrder() throws {
        let mailbox = try Mailbox<Int>()
        let thread = Thread {
            for i in 1...100 { mailbox.post(i) }
        }
        thread.start()
        var received: [Int] = []
        let deadline = Date().addingTimeInterval(5)
        while received.count < 100, Date() < deadline {
            var pfd = pollfd(fd: mailbox.fileDescriptor, events: Int16(POLLIN), revents: 0)
            _ = poll(&pfd, 1, 1000)
            received += mailbox.takeAll()
        }
        XCTAssertEqual(received, Array(1...100))
    }

    func testDrainedMailboxIsNotReadable() throws {
        let mailbox = try Mailbox<String>()
        mailbox.post("a")
        XCTAssertEqual(mailbox.takeAll(), ["a"])
        var pfd = pollfd(fd: mailbox.fileDescriptor, events: Int16(POLLIN), revents: 0)
        XCTAssertEqual(poll(&pfd, 1, 0), 0)
        XCTAssertEqual(mailbox.takeAll(), [])
    }
}
