/** The identifier registry: which customer owns each identifier, and which customer it currently resolves to. */
package com.retailpulse.contracts.identity;
