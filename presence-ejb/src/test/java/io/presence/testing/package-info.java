/**
 * Test support shared by every module through presence-ejb's test-jar: real infrastructure for
 * integration tests, never mocks.
 */
package io.presence.testing;
