# Warnings: an INTERFACE target linked only by our own code, never by dependencies.
add_library(convgraph_warnings INTERFACE)
target_compile_options(convgraph_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
  -Wcast-align -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
if(CONVGRAPH_WERROR)
  target_compile_options(convgraph_warnings INTERFACE -Werror)
endif()
