import Foundation
import NewsroomCore
import Testing

/// The newsroom the core's tests act in: one of each role, an inactive chief, and a story.
let layla = StaffMember(handle: Handle(rawValue: "layla"), name: "ليلى", role: .reporter)
let sami = StaffMember(handle: Handle(rawValue: "sami"), name: "سامي", role: .reporter)
let omar = StaffMember(handle: Handle(rawValue: "omar"), name: "عمر", role: .editor)
let nadia = StaffMember(handle: Handle(rawValue: "nadia"), name: "نادية", role: .editor)
let huda = StaffMember(handle: Handle(rawValue: "huda"), name: "هدى", role: .chief)
let adam = StaffMember(handle: Handle(rawValue: "adam"), name: "آدم", role: .admin)
let gone = StaffMember(handle: Handle(rawValue: "gone"), name: "غائب", role: .chief, active: false)

func facts(_ status: StoryStatus, author: StaffMember = layla, editor: StaffMember? = omar) -> StoryFacts {
    StoryFacts(id: StoryID(rawValue: 7), status: status, author: author.handle, editor: editor?.handle)
}
