package com.retailpulse.projections.profile;

import java.time.Instant;
import java.util.Collection;

/**
 * Told about profiles just written; records the segments each entered or left, i.e. where the
 * evaluated {@link ProfileDocument#segments()} differ from the recorded
 * {@link ProfileDocument#memberships()}. Until the recorded events come back to the projection the
 * difference stays, so a lost statement is made again the next time the profile is derived.
 */
public interface SegmentMembershipRecorder {

    SegmentMembershipRecorder NONE = (written, at) -> { };

    void written(Collection<ProfileDocument> written, Instant at);
}
