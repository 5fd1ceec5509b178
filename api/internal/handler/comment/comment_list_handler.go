// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package comment

import (
	"net/http"

	"douyin/pkg/param"
	"douyin/pkg/response"

	"douyin/api/internal/logic/comment"
	"douyin/api/internal/svc"
	"douyin/api/internal/types"
)

func CommentListHandler(svcCtx *svc.ServiceContext) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req types.CommentListReq
		if err := param.Form(r, &req); err != nil {
			response.Write(r.Context(), w, (*types.CommentListResp)(nil), response.InvalidRequest(err))
			return
		}

		l := comment.NewCommentListLogic(r.Context(), svcCtx)
		resp, err := l.CommentList(&req)
		response.Write(r.Context(), w, resp, err)
	}
}
