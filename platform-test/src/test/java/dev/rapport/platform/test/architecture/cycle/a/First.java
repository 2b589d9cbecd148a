package dev.rapport.platform.test.architecture.cycle.a;

import dev.rapport.platform.test.architecture.cycle.b.Second;

public class First {

	Second second;

}
