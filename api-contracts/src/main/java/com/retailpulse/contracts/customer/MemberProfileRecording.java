package com.retailpulse.contracts.customer;

/** What a {@link RecordMemberProfileCommand} changed: the profile (or not), and how many consents. */
public record MemberProfileRecording(boolean profileRecorded, int consentsRecorded) {

    public boolean changedAnything() {
        return profileRecorded || consentsRecorded > 0;
    }
}
