execute_process(COMMAND ${CMAKE_COMMAND} -E env NODE_PATH=${NODE_PATH} ${NODE} ${SCRIPT}
                OUTPUT_FILE ${OUTPUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "make_signature_vectors.js failed (${rc})")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${EXPECTED} ${OUTPUT} RESULT_VARIABLE differ)
if(NOT differ EQUAL 0)
  message(FATAL_ERROR "the official SDKs now compute different vectors: diff ${EXPECTED} ${OUTPUT}")
endif()
