/** Scenario tags declared as data: definitions, their versions, and the condition language. */
package com.retailpulse.contracts.tag;
