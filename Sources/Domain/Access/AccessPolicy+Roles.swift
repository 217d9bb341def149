/// The columns of the role table (see `AccessPolicy`), one exhaustive switch per kind of
/// account, so that a new action cannot be added without deciding every role's reach.
extension AccessPolicy {
    static func director(_ action: StaffAction) -> AccessReach {
        switch action {
        case .viewDashboard: .ownUnit
        case .viewFigures, .viewReports, .exportRawData, .viewCounters, .manageCounters, .manageOfficers, .manageStaffAccounts,
            .viewAPIKeys, .manageAPIKeys, .chooseUnitForm, .manageDevices, .manageWebhooks, .operateCounterDisplay, .viewFeedback,
            .intakeFeedback, .handleFeedback, .workAssignedFeedback, .viewContactData, .handlePrivacyRequests:
            .ownUnit
        // product.md: the director "manages ... the holiday calendar". There is one calendar
        // (the law's days off, the same for every ward), so an edit reaches every unit; the
        // audit log records who made it.
        case .viewHolidayCalendar, .editHolidayCalendar:
            .everyUnit
        case .viewOwnFigures, .manageUnits, .manageSectors, .manageProcedures, .verifyConduct, .inspect,
            .sampleFeedback, .exportFindings, .readAuditLog, .reviewFeedback:
            .none
        }
    }

    static func officer(_ action: StaffAction) -> AccessReach {
        switch action {
        case .viewDashboard: .none
        case .viewOwnFigures, .viewCounters, .operateCounterDisplay, .intakeFeedback:
            .ownUnit
        case .viewFeedback, .workAssignedFeedback, .viewContactData:
            .assignedItems
        case .viewFigures, .viewReports, .exportRawData, .manageCounters, .manageOfficers, .manageStaffAccounts, .viewAPIKeys,
            .manageAPIKeys, .chooseUnitForm, .manageUnits, .manageSectors, .manageProcedures, .viewHolidayCalendar,
            .editHolidayCalendar, .manageDevices, .manageWebhooks, .handleFeedback, .verifyConduct, .inspect, .sampleFeedback,
            .exportFindings, .readAuditLog, .handlePrivacyRequests, .reviewFeedback:
            .none
        }
    }

    static func inspector(_ action: StaffAction) -> AccessReach {
        switch action {
        case .viewDashboard: .none
        case .viewFigures, .viewReports, .viewCounters, .viewAPIKeys, .viewFeedback, .verifyConduct, .inspect, .sampleFeedback,
            .exportFindings, .readAuditLog, .reviewFeedback:
            .everyUnit
        case .viewOwnFigures, .exportRawData, .manageCounters, .manageOfficers, .manageStaffAccounts, .manageAPIKeys, .chooseUnitForm,
            .manageUnits, .manageSectors, .manageProcedures, .viewHolidayCalendar, .editHolidayCalendar, .manageDevices,
            .manageWebhooks, .operateCounterDisplay, .intakeFeedback, .handleFeedback, .workAssignedFeedback, .viewContactData,
            .handlePrivacyRequests:
            .none
        }
    }

    /// An inspector created with a unit: the inspector's column, within that unit only; not
    /// the audit log, which holds every unit's administration in one log.
    static func unitInspector(_ action: StaffAction) -> AccessReach {
        switch action {
        case .viewFigures, .viewReports, .viewCounters, .viewAPIKeys, .viewFeedback, .verifyConduct, .inspect, .sampleFeedback,
            .exportFindings, .reviewFeedback:
            .ownUnit
        case .viewOwnFigures, .exportRawData, .manageCounters, .manageOfficers, .manageStaffAccounts, .manageAPIKeys, .chooseUnitForm,
            .manageUnits, .manageSectors, .manageProcedures, .viewHolidayCalendar, .editHolidayCalendar, .manageDevices,
            .manageWebhooks, .operateCounterDisplay, .intakeFeedback, .handleFeedback, .workAssignedFeedback, .viewContactData,
            .handlePrivacyRequests, .readAuditLog, .viewDashboard:
            .none
        }
    }

    /// A viewer created with a unit: the city viewer's column, within that unit only (the
    /// viewers read feedback handling as they read figures, product.md "Users").
    static func unitViewer(_ action: StaffAction) -> AccessReach {
        switch action {
        case .viewDashboard: .ownUnit
        case .viewFigures, .viewReports, .viewCounters, .viewFeedback, .inspect, .sampleFeedback, .exportFindings:
            .ownUnit
        case .viewOwnFigures, .exportRawData, .manageCounters, .manageOfficers, .manageStaffAccounts, .viewAPIKeys, .manageAPIKeys,
            .chooseUnitForm, .manageUnits, .manageSectors, .manageProcedures, .viewHolidayCalendar, .editHolidayCalendar,
            .manageDevices, .manageWebhooks, .operateCounterDisplay, .intakeFeedback, .handleFeedback,
            .workAssignedFeedback, .viewContactData, .verifyConduct, .readAuditLog,
            .handlePrivacyRequests, .reviewFeedback:
            .none
        }
    }

    static func cityViewer(_ action: StaffAction) -> AccessReach {
        switch action {
        case .viewDashboard: .everyUnit
        case .viewFigures, .viewReports, .viewCounters, .viewFeedback, .inspect, .sampleFeedback, .exportFindings:
            .everyUnit
        case .viewOwnFigures, .exportRawData, .manageCounters, .manageOfficers, .manageStaffAccounts, .viewAPIKeys, .manageAPIKeys,
            .chooseUnitForm, .manageUnits, .manageSectors, .manageProcedures, .viewHolidayCalendar, .editHolidayCalendar,
            .manageDevices, .manageWebhooks, .operateCounterDisplay, .intakeFeedback, .handleFeedback, .workAssignedFeedback,
            .viewContactData, .verifyConduct, .readAuditLog, .handlePrivacyRequests, .reviewFeedback:
            .none
        }
    }
}
