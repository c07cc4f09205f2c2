/** Value objects shared by every aggregate's contract. */
package com.retailpulse.contracts.common;
