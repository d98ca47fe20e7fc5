package io.allocrec.agent;

import java.util.stream.Collectors;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * A scope's name: {@code com.shop.Orders::handle}, the class's binary name and the method's as the
 * filters write them, so a name can be given back as a filter. Overloads share the name unless
 * signatures are asked for: {@code com.shop.Orders::handle(java.lang.String,int)}.
 */
enum ScopeNaming {
    METHOD,
    SIGNATURE;

    String nameOf(TypeDescription type, MethodDescription method) {
        String name = type.getName() + "::" + method.getInternalName();
        if (this == METHOD) {
            return name;
        }
        return name + method.getParameters().asTypeList().asErasures().stream()
                .map(TypeDescription::getActualName)
                .collect(Collectors.joining(",", "(", ")"));
    }
}
