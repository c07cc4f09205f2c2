/**
 * Campaign dispatch: the saga that starts a scheduled campaign at its send time and sends its audience
 * in throttled batches within its period and budget (docs/campaigns.md), and the two things it needs
 * from outside the domain, the audience and the cost of a message.
 */
package com.retailpulse.sagas.campaign;
