package com.retailpulse.sagas.campaign;

import com.retailpulse.contracts.common.Money;
import com.retailpulse.contracts.message.Channel;

/**
 * What one message costs on a channel, as the dispatch estimates a campaign's spend against its budget.
 * Coupons are not included: the budget bounds what sending costs.
 */
public interface ChannelCosts {

    /** The cost of one message on {@code channel}, in {@code currency} (the campaign budget's); zero if free. */
    Money unitCost(Channel channel, String currency);
}
