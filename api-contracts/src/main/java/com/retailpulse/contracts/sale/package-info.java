/**
 * Sales without a known customer (e.g. POS receipts with no member card): they count for
 * products and stores, never for customers.
 */
package com.retailpulse.contracts.sale;
