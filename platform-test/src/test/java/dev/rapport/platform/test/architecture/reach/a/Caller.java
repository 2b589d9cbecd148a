package dev.rapport.platform.test.architecture.reach.a;

import dev.rapport.platform.test.architecture.reach.b.internal.Hidden;

public class Caller {

	Hidden hidden;

}
