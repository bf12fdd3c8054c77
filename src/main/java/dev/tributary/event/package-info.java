/**
 * Wire records: the decoded input {@link dev.tributary.event.Event}, its JSON codec and validation
 * with reasons (DESIGN.md §2).
 */
package dev.tributary.event;
