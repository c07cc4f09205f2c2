package com.retailpulse.contracts.customer;

/** What a customer did on a social platform (WeChat, Douyin, Weibo, …). */
public enum SocialAction {
    FOLLOW,
    UNFOLLOW,
    SHARE,
    COMMENT,
    LIKE,
    LIVE_ROOM_JOINED,
    LIVE_ROOM_INTERACTED
}
