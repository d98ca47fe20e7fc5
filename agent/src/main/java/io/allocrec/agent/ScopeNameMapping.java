package io.allocrec.agent;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.implementation.bytecode.constant.TextConstant;

/** Gives the advice's {@link ScopeName} parameter the scope's name, as a constant in the method's code. */
final class ScopeNameMapping implements Advice.OffsetMapping.Factory<ScopeName> {

    private final ScopeNaming naming;

    ScopeNameMapping(ScopeNaming naming) {
        this.naming = naming;
    }

    @Override
    public Class<ScopeName> getAnnotationType() {
        return ScopeName.class;
    }

    @Override
    public Advice.OffsetMapping make(ParameterDescription.InDefinedShape target,
                                     AnnotationDescription.Loadable<ScopeName> annotation, AdviceType adviceType) {
        return (instrumentedType, instrumentedMethod, assigner, argumentHandler, sort) ->
                new Advice.OffsetMapping.Target.ForStackManipulation(
                        new TextConstant(naming.nameOf(instrumentedType, instrumentedMethod)));
    }
}
