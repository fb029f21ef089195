/** Tests of the assembled distribution: the launcher, as an operator runs it. */
package io.presence.dist;
