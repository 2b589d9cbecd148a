package dev.rapport.platform.test.architecture.cycle.b;

import dev.rapport.platform.test.architecture.cycle.a.First;

public class Second {

	First first;

}
