/** The campaign aggregate: its plan, lifecycle and the dispatch progress it was told of (docs/campaigns.md). */
package com.retailpulse.command.campaign;
